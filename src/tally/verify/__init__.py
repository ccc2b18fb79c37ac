"""Verification: grades, decisions, the audit chain."""
