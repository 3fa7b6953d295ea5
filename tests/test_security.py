"""Untrusted report text renders as text everywhere; SQL is never built from requests.

The fixture database holds a one-day race whose race name, town, winner, team, climb
and report text are HTML and script payloads (publication_fixtures.XSS_*), plus the
reports under tests/reports/security/ when the pipeline ingested them.
"""

from __future__ import annotations

import ast
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from publication_fixtures import (  # noqa: F401  (fixtures)
    PLUGINS,
    TEMPLATES,
    XSS_RIDER,
    XSS_TOWN,
    FixtureDB,
    datasette,
    get,
    musette_db,
)

RAW_PAYLOADS = (
    "<script>window.__pwned",
    "<script>alert",
    "<img src=x",
    "<b onmouseover",
    "<svg onload",
    "<svg/onload",
    "<iframe",
    'href="javascript:',
    "<span title=\"x'",
)


class Audit(HTMLParser):
    """Collects everything in a page that could run script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_script = False  # an executable script, not a JSON data block

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name.lower() in ("href", "src", "action", "formaction", "data") and value:
                if value.strip().lower().replace("\t", "").startswith(
                    ("javascript:", "data:text/html", "vbscript:")
                ):
                    self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed", "img", "svg"):
            self.problems.append(f"<{tag}> element")
        if tag == "script":
            self.in_script = dict(attrs).get("type") != "application/json"
            src = dict(attrs).get("src")
            if src and not src.startswith("/"):
                self.problems.append(f"external script {src}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and ("__pwned" in data or "alert(" in data):
            self.problems.append(f"payload inside a script: {data[:80]!r}")


def audit(html: str) -> list[str]:
    parser = Audit()
    parser.feed(html)
    parser.close()
    problems = parser.problems
    problems += [f"raw {p!r}" for p in RAW_PAYLOADS if p in html]
    return problems


def pages(ids: dict[str, int]) -> list[tuple[str, dict[str, str]]]:
    return [
        ("/", {}),
        ("/musette", {}),
        (f"/-/report/{ids['report_xss']}", {}),
        (f"/-/stage/{ids['stage_xss']}", {}),
        ("/musette/stage_locations", {}),
        ("/musette/stage_locations", {"_facet": "place"}),
        ("/musette/stage_summary", {}),
        ("/musette/stage_winners", {}),
        ("/musette/rider_results", {"rider": "evil"}),
        ("/musette/search", {"q": "pwned"}),
        ("/musette/host_towns", {}),
        ("/musette/climbs_by_gradient", {}),
        ("/musette/stages_near", {"place": XSS_TOWN, "km": "100"}),
        ("/musette/reports", {}),
        (f"/musette/reports/{ids['report_xss']}", {}),
        ("/musette/races", {}),
        ("/musette/riders", {}),
        ("/musette/teams", {}),
        ("/musette/places", {}),
        ("/musette/evidence", {"report_id": str(ids["report_xss"])}),
        ("/musette/report_results", {"_labels": "on"}),
        ("/musette/report_climbs", {}),
        ("/musette/report_conflicts", {}),
        ("/musette", {"sql": "SELECT text, 1 AS stage_id FROM reports"}),
    ]


def test_payloads_are_in_the_database(datasette, musette_db: FixtureDB) -> None:  # noqa: F811
    row = get(datasette, f"/musette/reports/{musette_db.ids['report_xss']}.json",
              params={"_shape": "array"}).json()[0]
    assert "<script>window.__pwned=4" in row["text"]  # stored as written, escaped on output


def test_no_page_lets_report_html_through(datasette, musette_db: FixtureDB) -> None:  # noqa: F811
    for path, params in pages(musette_db.ids):
        response = get(datasette, path, params=params)
        assert response.status_code == 200, (path, response.status_code)
        assert audit(response.text) == [], path


def test_payloads_show_as_text(datasette, musette_db: FixtureDB) -> None:  # noqa: F811
    report = get(datasette, f"/-/report/{musette_db.ids['report_xss']}").text
    assert "&lt;script&gt;window.__pwned=4;alert(4)&lt;/script&gt;" in report
    assert "&lt;a href=&#34;javascript:window.__pwned=6;alert(6)&#34;&gt;" in report
    stage = get(datasette, f"/-/stage/{musette_db.ids['stage_xss']}").text
    assert "&lt;b onmouseover=&#34;window.__pwned=3&#34;&gt;Evil&lt;/b&gt;" in stage
    assert "&lt;script&gt;window.__pwned=2;alert(2)&lt;/script&gt;Nîmes" in stage


def test_ingested_security_reports_render_as_text(datasette, musette_db) -> None:  # noqa: F811
    if not musette_db.ingested:
        pytest.skip(f"security reports were not ingested: {musette_db.ingest_problem}")
    rows = get(datasette, "/musette.json", params={
        "sql": "SELECT id, stage_id FROM reports WHERE path LIKE '%reports/security/%'",
        "_shape": "array"}).json()
    assert len(rows) == len(list(Path(__file__).parent.glob("reports/security/*.txt")))
    for row in rows:
        page = get(datasette, f"/-/report/{row['id']}")
        assert page.status_code == 200
        assert audit(page.text) == [], row
        if row["stage_id"] is not None:
            assert audit(get(datasette, f"/-/stage/{row['stage_id']}").text) == []


def test_stage_map_data_cannot_close_its_script(datasette, musette_db) -> None:  # noqa: F811
    html = get(datasette, f"/-/stage/{musette_db.ids['stage_xss']}").text
    raw = html.split('<script type="application/json" id="stage-map-data">', 1)[1]
    raw = raw.split("</script>", 1)[0]
    assert "<" not in raw and ">" not in raw  # tojson writes them as \u003c, \u003e
    names = [p["name"] for p in json.loads(raw)["points"]]
    assert XSS_TOWN in names
    # The popups are built with textContent, never as HTML.
    script = html.split('<script type="module">', 1)[1].split("</script>", 1)[0]
    assert "textContent" in script and "innerHTML" not in script


def test_cluster_map_popups_are_escaped(datasette, musette_db) -> None:  # noqa: F811
    """datasette-cluster-map escapes popup title, description and link; links are ours."""
    import datasette_cluster_map

    js = (Path(datasette_cluster_map.__file__).parent / "static"
          / "datasette-cluster-map.js").read_text()
    for field in ("title", "description", "link"):
        assert f"clusterMapEscapeHTML(popup.{field})" in js, field
    rows = get(datasette, "/musette/stage_locations.json",
               params={"_shape": "array", "_size": "max"}).json()
    xss = [json.loads(r["popup"]) for r in rows if r["stage_id"] == musette_db.ids["stage_xss"]]
    assert any(XSS_TOWN in p["description"] for p in xss)
    assert any(XSS_RIDER in p["description"] for p in xss)
    for row in rows:
        popup = json.loads(row["popup"])
        assert set(popup) == {"title", "description", "link"}  # no image, no alt
        assert popup["link"] == f"/-/stage/{row['stage_id']}"


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/musette/rider_results.json", {"rider": "' OR 1=1 --"}),
        ("/musette/rider_results.json", {"rider": "%"}),
        ("/musette/stages_near.json", {"place": "x' OR '1'='1", "km": "20000"}),
        ("/musette/stages_near.json", {"place": "Gordes", "km": "1; DROP TABLE stages"}),
        ("/musette/search.json", {"q": "\" OR 1=1 --"}),
        ("/musette/search.json", {"q": "text:* OR rowid"}),
    ],
)
def test_parameters_are_bound_not_spliced(datasette, path: str, params: dict) -> None:  # noqa: F811
    response = get(datasette, path, params={**params, "_shape": "array"})
    assert response.status_code == 200, response.text
    rows = response.json()
    if "rider" in params:
        assert rows == []  # no rider's key contains these characters
    if "place" in params and "'" in params["place"]:
        assert rows == []
    stages = get(datasette, "/musette/stages.json", params={"_shape": "array"}).json()
    assert stages


@pytest.mark.parametrize(
    "path",
    [
        "/-/report/1%20OR%201=1",
        "/-/report/1;DROP%20TABLE%20reports",
        "/-/report/-1",
        "/-/report/99999999999999999999999",
        "/-/stage/1'",
        "/-/stage/1%2F..%2F..%2Fetc%2Fpasswd",
        "/-/stage/",
        "/-/report/%D9%A1",
        "/-/basemap/99/0/0.png",
        "/-/basemap/1/5/5.png",
        "/-/basemap/0/0/0.png;select",
    ],
)
def test_bad_page_addresses_are_not_found(datasette, path: str) -> None:  # noqa: F811
    # Datasette first redirects %-escapes to its ~-escapes and drops trailing slashes.
    assert get(datasette, path, follow_redirects=True).status_code == 404


def test_database_parameter_is_a_name_not_sql(datasette) -> None:  # noqa: F811
    for name in ("musette' --", "_internal", "basemap", "../musette"):
        assert get(datasette, "/-/report/1", params={"database": name}).status_code == 404


def test_database_is_read_only(datasette) -> None:  # noqa: F811
    databases = get(datasette, "/-/databases.json").json()
    musette = next(d for d in databases if d["name"] == "musette")
    assert musette["is_mutable"] is False
    write = get(datasette, "/musette.json", params={"sql": "DELETE FROM stages"})
    assert write.status_code == 400


def sql_calls(path: Path) -> list[tuple[str, ast.expr]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("execute", "execute_fn", "execute_write", "executescript"):
                calls.append((node.func.attr, node.args[0] if node.args else None))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "_rows":  # stage_page's helper: _rows(db, SQL, params)
                calls.append(("_rows", node.args[1]))
    return calls


def test_plugins_never_format_sql() -> None:
    """Every query a plugin runs is a constant string; values go in as :params."""
    for path in sorted(PLUGINS.glob("*.py")):
        module = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            target.id
            for node in module.body if isinstance(node, ast.Assign)
            for target in node.targets
            if isinstance(target, ast.Name) and isinstance(node.value, ast.Constant)
        }
        for method, arg in sql_calls(path):
            assert method in ("execute", "_rows"), f"{path.name} calls {method}"
            if isinstance(arg, ast.Name) and method == "_rows":
                assert arg.id in constants, f"{path.name}: {arg.id}"
            elif isinstance(arg, ast.Name):
                # A module constant, a loop variable over a dict of constants, or
                # _rows's own parameter (checked at its calls above).
                assert arg.id in constants or arg.id == "sql", f"{path.name}: {arg.id}"
            else:
                assert isinstance(arg, ast.Constant), f"{path.name}: {ast.dump(arg)[:80]}"


def test_templates_never_mark_data_safe() -> None:
    for path in TEMPLATES.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", ""), path.name
        assert "innerHTML" not in text and "insertAdjacentHTML" not in text, path.name
        assert "autoescape false" not in text, path.name


def test_the_audit_catches_what_it_should() -> None:
    assert audit('<p onclick="x()">a</p>')
    assert audit('<a href=" JavaScript:alert(1)">a</a>')
    assert audit("<script>alert(1)</script>")
    assert audit("<img src=x>")
    assert audit('<script src="https://evil.example/x.js"></script>')
    assert audit("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>") == []
