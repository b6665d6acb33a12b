"""The app factory: `create_app(settings)` builds the dashboard and the JSON API over one corpus."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from telex import __version__
from telex.store import StoreError
from telex.web import api, ui
from telex.web.deps import WebSettings
from telex.web.security import SecurityHeaders, TokenAuth

STATIC = Path(__file__).parent / "static"


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """A FastAPI app over the corpus of `settings.db`; API docs at /docs and /redoc, offline.

    With `settings.token`, every request must carry the token (telex.web.security).
    """
    # FastAPIOffline serves Swagger UI and ReDoc from its package instead of a CDN.
    app = FastAPIOffline(
        title="telex",
        version=__version__,
        description="The corpus of analysed articles: articles, actors, quotes, events, "
        "timelines, networks and places, in the output contract of telex.",
        static_url="/static/docs",
    )
    app.state.settings = settings = settings or WebSettings()
    app.mount("/static/telex", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(ui.router)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, err: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(err)}, status_code=503)

    if settings.token is not None:
        # Around everything, static files and API docs included.
        app.add_middleware(TokenAuth, token=settings.token.get_secret_value())
    app.add_middleware(SecurityHeaders)
    return app
