"""`python -m chairplan` runs the command line."""

from .cli import main

main()
