"""Send a referrer to the online tile server, and only in online-tiles mode.

Datasette answers every page with `Referrer-Policy: no-referrer`. OpenStreetMap's
tile servers refuse tile requests that carry no Referer, so with online tiles
(MUSETTE_ONLINE_TILES=1) pages are sent with `strict-origin-when-cross-origin`:
other sites see the origin (scheme, host, port), never the path or query string.
Offline, Datasette's `no-referrer` is left alone.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from typing import Any

from datasette import hookimpl

ONLINE_ENV = "MUSETTE_ONLINE_TILES"
ONLINE_POLICY = b"strict-origin-when-cross-origin"

ASGIApp = Callable[[dict, Callable[[], Awaitable[dict]], Callable[[dict], Awaitable[None]]],
                   Awaitable[None]]


def online_tiles() -> bool:
    return os.environ.get(ONLINE_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def with_policy(app: ASGIApp, policy: bytes) -> ASGIApp:
    async def wrapped(scope: dict, receive: Callable, send: Callable) -> None:
        if scope.get("type") != "http" or not online_tiles():
            await app(scope, receive, send)
            return

        async def send_with_policy(event: dict) -> None:
            if event.get("type") == "http.response.start":
                headers = [
                    (name, value)
                    for name, value in event.get("headers") or []
                    if name.lower() != b"referrer-policy"
                ]
                headers.append((b"referrer-policy", policy))
                event = {**event, "headers": headers}
            await send(event)

        await app(scope, receive, send_with_policy)

    return wrapped


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[ASGIApp], ASGIApp]:
    # The mode is read per request, like the tile layer in map_tiles.py.
    return lambda app: with_policy(app, ONLINE_POLICY)
