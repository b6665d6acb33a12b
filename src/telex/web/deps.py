"""Settings and per-request dependencies of the web app, with `Annotated` aliases for routes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from telex.store import Store


class WebSettings(BaseModel):
    """How `telex serve` runs; `TELEX_DB` sets the corpus when no settings are given."""

    model_config = ConfigDict(extra="forbid")

    db: Path = Field(
        default_factory=lambda: Path(os.environ.get("TELEX_DB", "corpus.db")),
        description="The corpus database file.",
    )
    title: str = Field(default="telex", description="Shown in the page header.")
    page_size: int = Field(default=50, ge=1, le=500, description="Rows per page in lists.")


def get_settings(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


SettingsDep = Annotated[WebSettings, Depends(get_settings)]


def get_store(settings: SettingsDep) -> Iterator[Store]:
    """A connection per request: cheap with SQLite, and WAL lets an ingest run meanwhile."""
    store = Store(settings.db, create=False)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(get_store)]
