"""The source articles: reading them, their date mentions, coverage. Never writes."""
