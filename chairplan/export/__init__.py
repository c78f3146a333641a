"""Exports: each takes the plan (and an injected date or stamp) and returns bytes."""
