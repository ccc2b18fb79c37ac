"""The read-only JSON API under ``/api`` (OpenAPI at ``/api/openapi.json``)."""
