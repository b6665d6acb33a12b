"""`python -m telex` runs the command line."""

from telex.cli import app

app()
