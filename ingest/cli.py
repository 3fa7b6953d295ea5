"""The `musette` command: ingest reports, serve the database, geocode names."""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

import click

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="musette")
def cli() -> None:
    """Musette: a database of cycling races read from news reports.

    \b
    Typical use:
      musette ingest reports/ --db musette.db
      musette serve musette.db
      musette merge part-1.db part-2.db --db musette.db
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", "db_path", default="musette.db", show_default=True,
              help="SQLite database to write (created if missing).")
@click.option("--geocoder", default="embedded", show_default=True,
              help="'embedded' (offline GeoNames gazetteer), 'nominatim', or any geopy "
                   "geocoder name. Online geocoders are never the default.")
@click.option("--user-agent", default=None,
              help="User agent for an online geocoder (Nominatim requires one).")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: only when writing to a terminal).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes analysing reports (default: $MUSETTE_WORKERS, else every core; "
                   "fewer than 200 files: 1).")
def ingest(paths: tuple[Path, ...], db_path: str, geocoder: str, user_agent: str | None,
           progress: bool | None, workers: int | None) -> None:
    """Read report files (or folders of *.txt, recursively) into the database.

    Reports may start with a ' date YYYY-MM ' header giving the publication month.
    Files that cannot be ingested are reported with the reason, recorded in the
    ingest_errors table and skipped. Unchanged files (same content hash) are skipped
    without any work; a changed file replaces its earlier version.

    Exit status: 0 when every file was ingested, 1 when some were skipped, 2 on a
    usage error.
    """
    from .pipeline import ingest_paths

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise click.UsageError(f"no such file or folder: {', '.join(missing)}")
    if progress is None:
        progress = sys.stderr.isatty()
    summary = ingest_paths(paths, db_path, geocoder=geocoder, user_agent=user_agent,
                           progress=progress, echo=lambda m: click.echo(m, err=True),
                           workers=workers)
    click.echo(summary.describe())
    sys.exit(1 if summary.skipped else 0)


@cli.command()
@click.argument("parts", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--db", "db_path", default="musette.db", show_default=True,
              help="Database to merge into (created if missing).")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: only when writing to a terminal).")
def merge(parts: tuple[Path, ...], db_path: str, progress: bool | None) -> None:
    """Merge databases ingested apart (PARTS) into one.

    For archives ingested in parts, on several machines or at several times:
    `musette ingest part-1/ --db part-1.db` on one machine, `musette ingest part-2/
    --db part-2.db` on another, then `musette merge part-1.db part-2.db --db
    musette.db`. Races, stages, places, riders and teams are matched by their keys;
    a report already stored with the same content is skipped, so merging again
    changes nothing; each part goes in whole or not at all.
    """
    from .merge import NotAMusetteDatabase, count_reports, merge_databases
    from .pipeline import progress_bar

    if progress is None:
        progress = sys.stderr.isatty()
    try:
        total = sum(count_reports(p) for p in parts)
        bar = progress_bar(total, progress, desc="merge")
        try:
            summary = merge_databases(db_path, parts, progress=bar.update)
        finally:
            bar.close()
    except NotAMusetteDatabase as error:
        raise click.ClickException(str(error)) from error
    click.echo(summary.describe())


def served_path(db: str, links: Path | None = None) -> str:
    """The path to hand Datasette so that it names the database "musette".

    Datasette names a database after its file, and metadata.yml (descriptions, canned
    queries, the map, the home page's links) is written for "musette". Another file
    name is served through a link named musette.db, in a folder of its own per file.
    """
    path = Path(db).resolve()
    if path.stem == "musette":
        return db
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:16]
    folder = (links or Path(tempfile.gettempdir()) / "musette-serve") / digest
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / "musette.db"
    if link.is_symlink() and link.resolve() == path:
        return str(link)
    link.unlink(missing_ok=True)
    try:
        link.symlink_to(path)
    except FileExistsError:  # another `musette serve` of the same file made it
        if link.resolve() != path:
            raise
    return str(link)


@cli.command()
@click.argument("db", default="musette.db", type=click.Path(exists=True, dir_okay=False))
@click.option("-h", "--host", default="127.0.0.1", show_default=True)
@click.option("-p", "--port", default=8001, show_default=True, type=int)
@click.option("--online-tiles", is_flag=True,
              help="Use OpenStreetMap's online tiles instead of the local basemap.")
@click.option("--base-url", default="/", show_default=True, metavar="/PREFIX/",
              help="The path a proxy publishes Musette under: every link starts with it.")
def serve(db: str, host: str, port: int, online_tiles: bool, base_url: str) -> None:
    """Serve DB read-only (immutable) with Datasette, our plugins and metadata.

    DB may have any file name: it is served as the database "musette", the name
    metadata.yml (home page, canned queries, map, descriptions) is written for."""
    if not (base_url.startswith("/") and base_url.endswith("/")):
        raise click.BadParameter("must start and end with '/', e.g. /cycling/",
                                 param_hint="--base-url")
    args = [
        "datasette", "serve", "-i", served_path(db),
        "-m", str(PROJECT_ROOT / "metadata.yml"),
        "--plugins-dir", str(PROJECT_ROOT / "plugins"),
        "-h", host, "-p", str(port),
        # Facet suggestions cost dozens of queries per table page (the map's JSON: 62 ms
        # instead of 228 ms on 10,000 reports); explicit facets in metadata.yml remain.
        "--setting", "suggest_facets", "off",
        "--setting", "base_url", base_url,
    ]
    extra = PROJECT_ROOT / "templates"
    if extra.is_dir():
        args += ["--template-dir", str(extra)]
    env = dict(os.environ)
    if online_tiles:
        env["MUSETTE_ONLINE_TILES"] = "1"
    click.echo(f"Serving {db} as 'musette' on http://{host}:{port}{base_url}", err=True)
    datasette = Path(sys.executable).with_name("datasette")
    os.execve(str(datasette), args, env)


@cli.command()
@click.argument("names", nargs=-1, required=True)
@click.option("--country", default=None, metavar="CC",
              help="Preferred ISO country code (a preference, not a filter).")
@click.option("--geocoder", default="embedded", show_default=True,
              help="'embedded' (offline), 'nominatim', or any geopy geocoder name.")
@click.option("--user-agent", default=None, help="User agent for an online geocoder.")
def geocode(names: tuple[str, ...], country: str | None, geocoder: str,
            user_agent: str | None) -> None:
    """Geocode place names, one tab-separated line each:
    query, matched name, country code, latitude, longitude, source."""
    from .geocode import get_geocoder

    coder = get_geocoder(geocoder, user_agent=user_agent)
    unknown = 0
    for name in names:
        loc = coder.geocode(name, country_bias=country)
        if loc is None:
            unknown += 1
            click.echo("\t".join([name, "", "", "", "", "not found"]))
            continue
        raw = loc.raw
        click.echo("\t".join([
            name, str(raw.get("name", loc.address)), str(raw.get("country_code") or ""),
            f"{loc.latitude:.5f}", f"{loc.longitude:.5f}", str(raw.get("source", geocoder)),
        ]))
    sys.exit(1 if unknown else 0)


@cli.group()
def gazetteer() -> None:
    """The embedded offline gazetteer (GeoNames, CC BY 4.0)."""


@gazetteer.command("build")
@click.option("--force", is_flag=True, help="Rebuild even when the index exists.")
def gazetteer_build(force: bool) -> None:
    """Index the GeoNames places into SQLite once (done on first use otherwise)."""
    from .gazetteer import build_index, index_path

    path = index_path()
    if path.exists() and not force:
        click.echo(f"Gazetteer index ready: {path}", err=True)
        return
    build_index(path, progress=sys.stderr.isatty())
    click.echo(f"Gazetteer index built: {path}", err=True)


if __name__ == "__main__":
    cli()
