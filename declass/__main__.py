"""``python -m declass`` runs the CLI."""

from declass.cli import main

main()
