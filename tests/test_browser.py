"""The publication in a real headless Chromium, against a real `musette serve`.

Starts `musette serve` (Datasette, read-only) on a free loopback port with the test
database, drives Debian's chromium through Playwright, records every request and
fails on any that would leave the machine. Saves map.png, report.png and stage.png
(in docs/ with `make screenshots`). Skips when Playwright or Chromium is missing; the
browser is never downloaded (`make browser` installs Debian's chromium; CHROMIUM gives its path).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from publication_fixtures import (  # noqa: F401  (fixtures)
    PROJECT,
    XSS_RIDER,
    XSS_TOWN,
    FixtureDB,
    musette_db,
)

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Screenshots go to a scratch folder; `make screenshots` writes the README's, in docs/.
DOCS = Path(os.environ.get("MUSETTE_SCREENSHOTS")
            or Path(tempfile.gettempdir()) / "musette-screenshots")
TIMEOUT_MS = 90_000  # generous: a busy 2-core machine runs the server and the browser
SERVER_START_S = 120


def chromium_or_skip() -> str:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("Playwright's Python package is not installed (pip install playwright)")
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(f"no Chromium at {CHROMIUM}: run `make browser` "
                    "(apt-get install chromium) or set CHROMIUM")
    return CHROMIUM


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (loopback)
        return json.load(response)


def wait_for_server(base: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"musette serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(base + "/-/versions.json", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"musette serve did not answer within {SERVER_START_S} s:\n{log.read_text()}")


@pytest.fixture(scope="module")
def chromium() -> str:
    return chromium_or_skip()


@contextmanager
def musette_server(db: Path, log: Path, *options: str) -> Iterator[str]:
    """`musette serve DB OPTIONS` on a free loopback port; yields its address."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k != "MUSETTE_ONLINE_TILES"}
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "ingest.cli", "serve", str(db),
             "--host", "127.0.0.1", "--port", str(port), *options],
            cwd=PROJECT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    try:
        wait_for_server(base, process, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


@pytest.fixture(scope="module")
def server(chromium: str, musette_db: FixtureDB, tmp_path_factory) -> Iterator[str]:  # noqa: F811
    log = tmp_path_factory.mktemp("server") / "serve.log"
    with musette_server(musette_db.path, log) as base:
        yield base


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium, args=LAUNCH_ARGS, timeout=TIMEOUT_MS
        )
        try:
            yield instance
        finally:
            instance.close()


class Visit:
    """A browser context that records every request and blocks any leaving the machine."""

    def __init__(self, browser: Any, base: str):
        self.base = base
        self.origin = urlsplit(base).netloc
        self.requests: list[str] = []
        self.external: list[str] = []
        self.responses: dict[str, int] = {}
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(TIMEOUT_MS)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("response", lambda r: self.responses.__setitem__(r.url, r.status))

    def _route(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc == self.origin:
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def goto(self, path: str) -> Any:
        response = self.page.goto(self.base + path, wait_until="load")
        assert response is not None and response.status == 200, path
        return response

    def pwned(self) -> Any:
        return self.page.evaluate("window.__pwned")

    def close(self) -> None:
        self.context.close()
        assert self.external == [], f"requests left the machine: {self.external}"
        assert self.dialogs == [], f"a script opened dialogs: {self.dialogs}"
        assert all(host_is_loopback(u) for u in self.requests)


def host_is_loopback(url: str) -> bool:
    return urlsplit(url).hostname == "127.0.0.1"


@pytest.fixture()
def visit(browser: Any, server: str) -> Iterator[Visit]:
    v = Visit(browser, server)
    yield v
    v.close()


# Markers on the map, counting a cluster as the number of markers it holds.
MARKERS_ARE_JS = """
expected => {
  const clusters = [...document.querySelectorAll('.marker-cluster')]
    .map(e => parseInt(e.textContent, 10));
  const singles = document.querySelectorAll('.leaflet-marker-icon:not(.marker-cluster)').length;
  return clusters.reduce((a, b) => a + b, 0) + singles === expected;
}
"""


def wait_for_tiles(v: Visit, minimum: int = 4) -> None:
    """Every tile the map asked for has loaded, from the local basemap."""
    v.page.wait_for_function(
        """n => {
          const tiles = document.querySelectorAll('img.leaflet-tile');
          const loaded = document.querySelectorAll('img.leaflet-tile-loaded');
          const faded = [...loaded].every(t => getComputedStyle(t).opacity === '1');
          return loaded.length >= n && loaded.length === tiles.length && faded;
        }""",
        arg=minimum,
    )
    tiles = {u: s for u, s in v.responses.items() if "/-/basemap/" in u}
    assert len(tiles) >= minimum
    assert set(tiles.values()) == {200}, tiles


def test_map_shows_every_location_on_local_tiles(visit: Visit, server: str) -> None:
    rows = fetch_json(server + "/musette/stage_locations.json?_shape=array&_size=max")
    assert len(rows) >= 10
    visit.goto("/musette/stage_locations")
    visit.page.wait_for_selector(".leaflet-marker-icon")
    # One marker per location, or clusters whose counts add up to the same.
    visit.page.wait_for_function(MARKERS_ARE_JS, arg=len(rows))
    wait_for_tiles(visit)
    assert visit.errors == []
    top, height = visit.page.locator(".leaflet-container").evaluate(
        "e => [e.getBoundingClientRect().top + window.scrollY, e.offsetHeight]")
    assert height > 300
    # The facets above the map, and the map.
    facets = visit.page.locator(".facet-results").evaluate(
        "e => e.getBoundingClientRect().top + window.scrollY")
    DOCS.mkdir(exist_ok=True)
    visit.page.screenshot(
        path=str(DOCS / "map.png"), full_page=True,
        clip={"x": 0, "y": facets - 16, "width": 1280, "height": top + height + 16 - facets + 16},
    )


def test_map_is_on_the_first_screen(visit: Visit) -> None:
    """The column descriptions fold under one line and facets show five values, so the
    map of stage starts and finishes begins within the first screen (900 px)."""
    visit.goto("/musette/stage_locations")
    visit.page.wait_for_selector(".leaflet-container")
    top = visit.page.locator(".leaflet-container").evaluate(
        "e => e.getBoundingClientRect().top + window.scrollY")
    assert top < 900 - 200, top
    summary = visit.page.locator("details.column-descriptions-box > summary")
    assert summary.inner_text() == "What the 13 columns mean"
    assert not visit.page.locator("dl.column-descriptions dt").first.is_visible()
    summary.click()
    assert visit.page.locator("dl.column-descriptions dt", has_text="popup").is_visible()
    assert visit.errors == []


def open_single_marker_popup(v: Visit) -> Any:
    v.page.wait_for_selector(".leaflet-marker-icon")
    wait_for_tiles(v, minimum=1)
    v.page.locator(".leaflet-marker-icon").first.click()
    popup = v.page.locator(".leaflet-popup-content")
    popup.wait_for()
    return popup


def test_marker_popup_names_race_stage_town_and_winner(visit: Visit,
                                                        musette_db: FixtureDB) -> None:  # noqa: F811
    stage3 = musette_db.ids["stage3"]
    visit.goto(f"/musette/stage_locations?stage_id={stage3}&role=finish")
    popup = open_single_marker_popup(visit)
    text = popup.inner_text()
    assert "Critérium des Alpilles 2023, stage 3" in text
    assert "Finish: Gordes (FR)" in text and "Winner: Léon Marchetti" in text
    assert popup.locator("a").get_attribute("href") == f"/-/stage/{stage3}"
    popup.locator("a").click()
    visit.page.wait_for_url(f"**/-/stage/{stage3}")


def test_popup_links_keep_the_base_url(chromium: str, browser: Any,  # noqa: F811
                                      musette_db: FixtureDB, tmp_path_factory) -> None:  # noqa: F811
    """Behind a proxy serving Musette under /cycling/, a popup leads to the stage page
    under /cycling/ too."""
    stage3 = musette_db.ids["stage3"]
    log = tmp_path_factory.mktemp("prefixed") / "serve.log"
    with musette_server(musette_db.path, log, "--base-url", "/cycling/") as base:
        v = Visit(browser, base)
        try:
            v.goto(f"/cycling/musette/stage_locations?stage_id={stage3}&role=finish")
            popup = open_single_marker_popup(v)
            assert popup.locator("a").get_attribute("href") == f"/cycling/-/stage/{stage3}"
            popup.locator("a").click()
            v.page.wait_for_url(f"**/cycling/-/stage/{stage3}")
            assert "Gordes" in v.page.content()
            assert v.errors == []
        finally:
            v.close()


def test_malicious_popup_runs_nothing(visit: Visit, musette_db: FixtureDB) -> None:  # noqa: F811
    stage = musette_db.ids["stage_xss"]
    visit.goto(f"/musette/stage_locations?stage_id={stage}&role=finish")
    popup = open_single_marker_popup(visit)
    text = popup.inner_text()
    assert XSS_TOWN in text and XSS_RIDER in text  # shown as text
    assert popup.locator("script, img, svg, iframe, b").count() == 0
    visit.page.mouse.move(10, 10)
    visit.page.wait_for_timeout(500)
    assert visit.pwned() is None
    assert visit.errors == []


def test_report_page_highlights(visit: Visit, musette_db: FixtureDB) -> None:  # noqa: F811
    visit.goto(f"/-/report/{musette_db.ids['report_en']}")
    highlights = visit.page.locator("article.report-text a.hl")
    assert highlights.count() > 30
    for kind in ("rider", "team", "place", "climb", "gap", "ranking"):
        assert visit.page.locator(f"article.report-text a.hl-{kind}").first.is_visible(), kind
    # A highlight leads to its fact beside the text.
    rider = visit.page.locator("article.report-text a.hl-rider", has_text="Piet Hoogland")
    target = rider.first.get_attribute("href")
    rider.first.click()
    visit.page.wait_for_function("h => location.hash === h", arg=target)
    assert visit.page.locator(f"li{target}").is_visible()
    background = visit.page.locator("a.hl-rider").first.evaluate(
        "e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    visit.page.evaluate("window.scrollTo(0, 0)")
    visit.page.goto(visit.base + f"/-/report/{musette_db.ids['report_en']}")
    DOCS.mkdir(exist_ok=True)
    visit.page.screenshot(path=str(DOCS / "report.png"),
                          clip={"x": 0, "y": 0, "width": 1280, "height": 1000})
    assert visit.errors == []


def test_malicious_report_runs_nothing(visit: Visit, musette_db: FixtureDB) -> None:  # noqa: F811
    visit.goto(f"/-/report/{musette_db.ids['report_xss']}")
    article = visit.page.locator("article.report-text")
    assert "<script>window.__pwned=4;alert(4)</script>" in article.inner_text()
    assert visit.page.locator("article.report-text script, article.report-text img, "
                              "article.report-text svg, article.report-text b").count() == 0
    for element in visit.page.locator("article.report-text a.hl").all()[:12]:
        element.hover()
    visit.page.wait_for_timeout(500)
    assert visit.pwned() is None
    assert visit.errors == []


def test_stage_page_route_map(visit: Visit, musette_db: FixtureDB) -> None:  # noqa: F811
    visit.goto(f"/-/stage/{musette_db.ids['stage3']}")
    visit.page.wait_for_selector("#stage-map[data-ready]")
    kinds = visit.page.locator("#stage-map path[data-kind]").evaluate_all(
        "els => els.map(e => e.getAttribute('data-kind'))")
    assert kinds == ["start", "climb", "sprint", "climb", "finish"]
    assert visit.page.locator("#stage-map path.leaflet-interactive").count() == 6  # + line
    wait_for_tiles(visit, minimum=1)  # zoomed in: a few enlarged zoom-6 tiles
    sheet = visit.page.locator("table.results-sheet").inner_text()
    assert "+0:08" in sheet and "+1:02" in sheet
    DOCS.mkdir(exist_ok=True)
    visit.page.screenshot(path=str(DOCS / "stage.png"), full_page=True)
    assert visit.errors == []


def test_malicious_stage_page_runs_nothing(visit: Visit, musette_db: FixtureDB) -> None:  # noqa: F811
    visit.goto(f"/-/stage/{musette_db.ids['stage_xss']}")
    visit.page.wait_for_selector("#stage-map[data-ready]")
    # Markers may overlap (the climb is placed at the finish town): dispatch the events.
    for marker in visit.page.locator("#stage-map path[data-kind]").all():
        marker.dispatch_event("mouseover")
        marker.dispatch_event("click")
    popups = visit.page.locator(".leaflet-popup-content")
    popups.first.wait_for()
    assert XSS_TOWN in " ".join(popups.all_inner_texts())
    assert popups.locator("script, img, svg").count() == 0
    visit.page.wait_for_timeout(500)
    assert visit.pwned() is None
    assert XSS_RIDER in visit.page.locator("table.results-sheet").inner_text()
    assert visit.errors == []


def test_served_read_only(server: str) -> None:
    databases = fetch_json(server + "/-/databases.json")
    musette = next(d for d in databases if d["name"] == "musette")
    assert musette["is_mutable"] is False
