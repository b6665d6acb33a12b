"""The web interface: a dashboard over a corpus and its JSON API, served offline by `telex serve`."""

from telex.web.app import create_app
from telex.web.deps import WebSettings

__all__ = ["WebSettings", "create_app"]
