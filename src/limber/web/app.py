"""The web app of ``limber serve``: the page and the JSON API, behind the request checks.

Takes: ``Settings`` (the names the server answers to, the workers and their limits). Gives:
``create_app``, an ASGI app (Starlette) whose lifespan starts the worker processes and, at the
end, stops them and removes every temporary file. ``pages`` holds the page's routes, ``api``
the JSON API's, ``security.Guard`` the checks every request passes first.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

from starlette.applications import Starlette

from . import api, pages
from .core import Settings, Web
from .security import Guard


def create_app(settings: Settings | None = None) -> Guard:
    settings = settings or Settings()
    state = Web(settings)

    @asynccontextmanager
    async def lifespan(app):
        await state.start()
        try:
            yield
        finally:
            await state.stop()

    from starlette.exceptions import HTTPException

    app = Starlette(
        routes=[*api.routes, *pages.routes],
        lifespan=lifespan,
        exception_handlers={HTTPException: pages.http_error, Exception: pages.internal_error},
    )
    app.state.web = state
    return Guard(app, settings.hosts, settings.uploads.body)
