"""checklist.md: GitHub task lists, one section per body and priority, deterministic."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from chairplan import api
from chairplan.audiences import view
from chairplan.export.checklist import checklist_md, md_escape
from chairplan.plan.read import read_plan
from chairplan.status import status_report

FIXTURE = Path(__file__).parent / "fixtures" / "status"

EXPECTED = """\
# Checklist as of 2026-04-01

## DEMO — 1/5 done

### Core work — 1/5 done

- [x] Finished item — done · due January 2026
- [ ] Late item — in-progress (late) · due Q1 2026
- [ ] Soon item — todo · due 1–29 April 2026
- [ ] Blocked item — blocked · due H2 2026
- [ ] ~~Dropped item~~ — dropped · due February 2026
- [ ] \\[link=https://evil.example\\]Click\\[/link\\] \\[/bold\\] — todo · due 2026 · at Demo summit

## OTHER — 0/0 done

### Other goal — 0/0 done

_No deliverables yet._
"""


def test_checklist_content() -> None:
    data = checklist_md(status_report(read_plan(FIXTURE).plan, dt.date(2026, 4, 1)))
    assert data.decode("utf-8") == EXPECTED


def test_checklist_of_the_status_command_is_the_checklist_of_the_plan_model() -> None:
    day = dt.date(2026, 4, 1)
    report = api.status(FIXTURE, day)
    everything = view(read_plan(FIXTURE).plan, "internal")  # the default: the most private level
    assert checklist_md(report) == checklist_md(status_report(everything, day))
    assert checklist_md(report) == checklist_md(api.status(FIXTURE, day))


def test_markdown_escape() -> None:
    assert md_escape("a *b* <script> [x](y) | ~z~ & `c`") == (
        "a \\*b\\* \\<script\\> \\[x\\](y) \\| \\~z\\~ \\& \\`c\\`"
    )
