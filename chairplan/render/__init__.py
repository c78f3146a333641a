"""Renderers that turn library reports into terminal output."""
