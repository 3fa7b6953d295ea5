"""Column descriptions folded under one line on table pages.

metadata.yml describes every column, and Datasette lists those descriptions above a
table's rows: on stage_locations (a dozen columns) the list filled the first screen and
pushed the map below it. This script folds the list into a <details> element, "What the
N columns mean", one click away. Without JavaScript the list stays as Datasette shows it.
"""

from __future__ import annotations

from datasette import hookimpl

SCRIPT = """
(() => {
  const list = document.querySelector("dl.column-descriptions");
  if (!list) return;
  const box = document.createElement("details");
  box.className = "column-descriptions-box";
  const summary = document.createElement("summary");
  summary.textContent = `What the ${list.querySelectorAll("dt").length} columns mean`;
  list.replaceWith(box);
  box.append(summary, list);
})();
"""


@hookimpl
def extra_body_script(view_name: str, table: str | None) -> str:
    return SCRIPT if view_name == "table" and table else ""
