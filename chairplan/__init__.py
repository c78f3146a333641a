"""chairplan: a chairmanship year's plan as code."""

__version__ = "0.1.0"
