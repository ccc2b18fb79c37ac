"""Ingest: read lists and posts into Documents and Mentions, keeping every byte as evidence."""
