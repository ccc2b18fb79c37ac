"""``python -m tally`` runs the command line."""

from tally.cli import main

main()
