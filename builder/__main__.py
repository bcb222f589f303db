"""`python -m builder` runs the cpskg command line."""

from builder.cli import main

main()
