"""A dashboard and a JSON API over a corpus, served offline by `telex serve`."""

from telex.web.app import create_app
from telex.web.deps import WebSettings

__all__ = ["WebSettings", "create_app"]
