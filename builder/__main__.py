"""`python -m builder` runs the cpskg command line."""

from builder.cli.main import main

main()
