"""The estimates page (``/estimates``): named count, estimate, interval, method, assumptions
and the capture patterns, in Russian and English."""

from tally.web.estimates.routes import router

__all__ = ["router"]
