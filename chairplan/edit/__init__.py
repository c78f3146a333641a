"""Surgical edits of the plan's YAML files."""
