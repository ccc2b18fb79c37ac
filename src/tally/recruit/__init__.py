"""Recruitment monitor: a registry of dated, sourced indicators (sign-up bonuses, wages,
published estimates), analyses that relate them to Tally's counts, and a documented
stock-and-flow manpower and cost model (see docs/recruitment.md)."""
