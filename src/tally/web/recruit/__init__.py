"""Recruitment monitor pages: indicators, bonus-to-wage, deaths vs income, channel mix,
named count vs estimates, and the model with a form (works without JavaScript)."""

from tally.web.recruit.routes import router

__all__ = ["router"]
