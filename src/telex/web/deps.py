"""Settings and per-request dependencies of the web app, with `Annotated` aliases for routes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request
from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

from telex.store import Store
from telex.web.security import MIN_TOKEN


class WebSettings(BaseModel):
    """How `telex serve` runs; `TELEX_DB` and `TELEX_TOKEN` set the corpus and the token when no
    settings are given."""

    model_config = ConfigDict(extra="forbid")

    db: Path = Field(
        default_factory=lambda: Path(os.environ.get("TELEX_DB", "corpus.db")),
        description="The corpus database file.",
    )
    title: str = Field(default="telex", description="Shown in the page header.")
    page_size: int = Field(default=50, ge=1, le=500, description="Rows per page in lists.")
    token: SecretStr | None = Field(
        default_factory=lambda: (
            SecretStr(os.environ["TELEX_TOKEN"]) if os.environ.get("TELEX_TOKEN") else None
        ),
        description="When set, every request must carry it (`Authorization: Bearer …`, or the "
        "cookie a browser gets by opening any page with `?token=…` once); `TELEX_TOKEN` sets it.",
        validate_default=True,
    )

    @field_validator("token")
    @classmethod
    def _long_enough(cls, token: SecretStr | None) -> SecretStr | None:
        if token is not None and len(token.get_secret_value()) < MIN_TOKEN:
            raise ValueError(
                f"the token has {len(token.get_secret_value())} characters: give at least "
                f"{MIN_TOKEN} (a short one can be guessed), e.g. "
                "`python3 -c 'import secrets; print(secrets.token_urlsafe())'`"
            )
        return token


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
