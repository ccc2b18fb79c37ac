"""Tally: record military deaths from public information, name by name; count and estimate them
honestly."""

__version__ = "0.1.0"
