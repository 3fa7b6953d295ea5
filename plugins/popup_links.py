"""Map popup links that follow Datasette's `base_url`.

The `popup` column of stage_locations (ingest/publication_views.sql) links each marker
to its stage page as '/-/stage/<id>': the database is read by SQL users, CSV files and
other tools, which know nothing of the URL a server is published under. Behind a proxy
that serves Datasette under a prefix (`--setting base_url /cycling/`, `musette serve
--base-url /cycling/`) that link would leave the prefix. datasette-cluster-map writes
popups into the page itself, so on pages that draw a map of popups this script puts
the prefix in front of such links as the popups are opened.
"""

from __future__ import annotations

import json
from typing import Any

from datasette import hookimpl

# Site-absolute page links the popup column holds.
LINK_PREFIXES = ("/-/stage/",)

SCRIPT = """
(() => {
  const base = %(base)s, prefixes = %(prefixes)s;
  const fix = () => {
    for (const link of document.querySelectorAll(".leaflet-popup-content a[href]")) {
      const href = link.getAttribute("href");
      if (prefixes.some((p) => href.startsWith(p))) {
        link.setAttribute("href", base + href.slice(1));
      }
    }
  };
  new MutationObserver(fix).observe(document.body, {childList: true, subtree: true});
})();
"""


@hookimpl
def extra_body_script(columns: list[str] | None, datasette: Any) -> str:
    base = datasette.setting("base_url") or "/"
    if base == "/" or not columns or "popup" not in columns:
        return ""
    return SCRIPT % {"base": json.dumps(base), "prefixes": json.dumps(list(LINK_PREFIXES))}
