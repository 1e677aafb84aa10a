"""declass: turn archives of declassified documents into a searchable, cited knowledge base."""

__version__ = "0.1.0"
