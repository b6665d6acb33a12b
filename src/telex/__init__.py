"""telex: offline, French-first news intelligence.

Reads news articles and turns them into facts grounded in the text: entities, quotes and their
speakers, resolved dates, places and political events (PLOVER/CAMEO), in the output contract of
`Analysis.to_dict()`.
"""

from __future__ import annotations

import logging

from telex.article import Article
from telex.errors import ConfigError, DataError, InputError, TelexError
from telex.pipeline import analyze, analyze_many, load_pipeline
from telex.schema import Analysis

__version__ = "0.1.0"
__all__ = [
    "Analysis",
    "Article",
    "ConfigError",
    "DataError",
    "InputError",
    "TelexError",
    "__version__",
    "analyze",
    "analyze_many",
    "load_pipeline",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
