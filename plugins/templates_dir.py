"""Find the project's templates/ even when Datasette runs without --template-dir.

`musette serve` passes --template-dir templates; a plain `datasette --plugins-dir
plugins` does not, and the report and stage pages would have no template. The
project's templates/ is appended to Jinja's search path (after --template-dir and
installed plugins' templates, before Datasette's defaults it extends).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datasette import hookimpl
from jinja2 import ChoiceLoader, FileSystemLoader, TemplateNotFound

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
PROBE = "musette_report.html"


@hookimpl
def startup(datasette: Any) -> None:
    env = datasette.jinja_env
    try:
        env.get_template(PROBE)
    except TemplateNotFound:
        env.loader = ChoiceLoader([env.loader, FileSystemLoader(str(TEMPLATES))])
