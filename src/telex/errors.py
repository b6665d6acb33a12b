"""The one family of exceptions telex raises; messages say what was wrong and how to fix it."""

from __future__ import annotations


class TelexError(Exception):
    """Base class: catching it catches every error telex raises on purpose."""


class InputError(TelexError):
    """An input (file, line, text, date) cannot be read or analysed."""


class ConfigError(TelexError):
    """A setting or a component option has an invalid value."""


class DataError(TelexError):
    """A shipped or user-supplied data file is missing or malformed."""


class AnalysisError(TelexError):
    """A pipeline component failed on an article: a bug in telex, never the user's fault."""
