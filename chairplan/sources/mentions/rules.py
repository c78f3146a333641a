"""The recogniser's rules: each pattern with the builder that reads its matches, in the order
that breaks ties between equally long matches (longer matches always win)."""

from __future__ import annotations

import re

from . import patterns as p
from .ranges import read_month_range, read_range
from .relative import read_relative_day, read_relative_period, read_vi_relative_day, read_weekday
from .values import (
    Builder,
    read_bare_day,
    read_day,
    read_half,
    read_month,
    read_month_list,
    read_quarter,
    read_relative_year,
    read_year,
    read_year_range,
)

__all__ = ["RULES"]

# fmt: off
RULES: list[tuple[re.Pattern[str], Builder]] = [
    (p.ISO_DAY, read_day), (p.NUM_DAY, read_day), (p.EN_RANGE, read_range),
    (p.EN_RANGE_DM, read_range), (p.VI_RANGE, read_range), (p.EN_MONTH_RANGE, read_month_range),
    (p.VI_MONTH_RANGE, read_month_range), (p.EN_DAY, read_day), (p.EN_DAY_DM, read_day),
    (p.VI_DAY, read_day), (p.VI_DAY_WORDS, read_day), (p.VI_BARE_DAY, read_bare_day),
    (p.EN_MONTH, read_month), (p.EN_MONTH_BARE, read_month), (p.VI_MONTH, read_month),
    (p.EN_MONTH_LIST, read_month_list), (p.EN_QUARTER, read_quarter), (p.EN_Q, read_quarter),
    (p.VI_QUARTER, read_quarter), (p.EN_HALF, read_half), (p.EN_H, read_half),
    (p.VI_HALF, read_half), (p.YEAR_RANGE, read_year_range), (p.VI_YEAR, read_year),
    (p.YEAR, read_year), (p.EN_REL_YEAR, read_relative_year),
    (p.VI_REL_YEAR, read_relative_year), (p.EN_REL_DAY, read_relative_day),
    (p.VI_REL_DAY, read_vi_relative_day), (p.EN_REL_PERIOD, read_relative_period),
    (p.VI_REL_PERIOD, read_relative_period), (p.EN_WEEKDAY, read_weekday),
    (p.VI_WEEKDAY, read_weekday),
]
# fmt: on
