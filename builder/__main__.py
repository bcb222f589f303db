"""`python -m builder` runs the cpskg command line."""

from .cli import main

main()
