"""The rules, in the order their problems are found; a new rule is one line here."""

from __future__ import annotations

from . import (
    audience_levels,
    citation_dates,
    clashes,
    comment_cut,
    duplicate_ids,
    followups,
    holidays,
    leadtimes,
    observances,
    quotes,
    readable_sources,
    references,
    reserved_ids,
    settings,
)
from .rule import Rule

__all__ = ["PLANNING_CODES", "RULES", "rule_for"]

PLANNING: tuple[Rule, ...] = (
    *clashes.RULES,
    *holidays.RULES,
    observances.RULE,
    *followups.RULES,
    *leadtimes.RULES,
)
PLANNING_CODES = [rule.code for rule in PLANNING]
RULES: tuple[Rule, ...] = (
    duplicate_ids.RULE,
    references.RULE,
    reserved_ids.RULE,
    comment_cut.RULE,
    settings.make_rule(PLANNING_CODES),
    *audience_levels.RULES,
    readable_sources.RULE,
    quotes.RULE,
    citation_dates.RULE,
    *PLANNING,
)
_BY_CODE = {rule.code: rule for rule in RULES}


def rule_for(code: str) -> Rule | None:
    """The rule behind a problem code (None for the loader's own codes: syntax, schema)."""
    return _BY_CODE.get(code)
