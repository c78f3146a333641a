"""Safe reads, staged and atomic writes, the plan lock."""
