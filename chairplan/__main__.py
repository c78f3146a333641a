"""`python -m chairplan` runs the command line."""

from .cli import run

run()
