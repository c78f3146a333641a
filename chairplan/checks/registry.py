"""The rules, in the order their problems are found; a new rule is one line here."""

from __future__ import annotations

from . import citation_dates, duplicate_ids, quotes, readable_sources, references, reserved_ids
from .rule import Rule

__all__ = ["RULES", "rule_for"]

RULES: tuple[Rule, ...] = (
    duplicate_ids.RULE,
    references.RULE,
    reserved_ids.RULE,
    readable_sources.RULE,
    quotes.RULE,
    citation_dates.RULE,
)
_BY_CODE = {rule.code: rule for rule in RULES}


def rule_for(code: str) -> Rule | None:
    """The rule behind a problem code (None for the loader's own codes: syntax, schema)."""
    return _BY_CODE.get(code)
