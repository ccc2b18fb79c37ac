"""Linkage: mentions of the same person across sources become one Person."""
