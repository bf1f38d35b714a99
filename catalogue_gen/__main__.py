"""`python -m catalogue_gen` runs the command-line interface."""

from catalogue_gen.cli import main

main()
