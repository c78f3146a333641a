"""Loading: values stay the text they were written as; the models get exactly what the YAML says."""

from __future__ import annotations

import dataclasses

import pytest

from chairplan.dates import parse_window
from chairplan.errors import PlanError
from chairplan.model import Timed
from chairplan.plan.load import load_bytes, load_text
from chairplan.plan.read import read_plan
from tests.conftest import MakePlan

BODY = "bodies:\n  - {id: cptpp, short: CPTPP, name: CPTPP}\n"


def event(**fields: str) -> str:
    base = {"id": "som1", "title": "SOM1", "when": "2026-03-10..2026-03-13", "body": "cptpp"}
    lines = "".join(f"    {k}: {v}\n" for k, v in {**base, **fields}.items())
    return BODY + "events:\n  -" + lines[3:]


def test_yaml_1_1_lookalikes_stay_text() -> None:
    text = event(
        title="NO",
        notes="0755",
        participants="[yes, on, 1.10, 1:30, 2026]",
        where="{city: Off, venue: '0x1F'}",
    )
    loaded = load_text(text, "plan.yaml")
    e = loaded.model.events[0]
    assert (e.title.en, e.notes, e.where and e.where.city, e.where and e.where.venue) == (
        "NO",
        "0755",
        "Off",
        "0x1F",
    )
    assert e.participants == ["yes", "on", "1.10", "1:30", "2026"]


def test_numeric_looking_title_is_text() -> None:
    assert load_text(event(title="2026"), "plan.yaml").model.events[0].title.en == "2026"


def test_bilingual_title_and_vietnamese_survive() -> None:
    text = event(title="{en: Commission Meeting, vi: Phiên họp Hội đồng cấp Bộ trưởng}")
    title = load_text(text, "plan.yaml").model.events[0].title
    assert (title.in_lang("en"), title.in_lang("vi")) == (
        "Commission Meeting",
        "Phiên họp Hội đồng cấp Bộ trưởng",
    )
    only_vi = load_text(event(title="{vi: Hội nghị}"), "plan.yaml").model.events[0].title
    assert only_vi.in_lang("en") == "Hội nghị"


def test_bom_and_crlf_are_accepted() -> None:
    data = ("\ufeff" + event()).replace("\n", "\r\n").encode("utf-8")
    loaded = load_bytes(data, "plan.yaml")
    assert loaded.model.events[0].window == parse_window("2026-03-10..2026-03-13")
    assert loaded.mark(("events", 0, "when")).line == 6


def test_timed_event_takes_the_zone_of_its_country() -> None:
    text = event(
        when="{start: 2026-03-11T09:00, end: 2026-03-11T11:30}", where="{city: Hà Nội, country: VN}"
    )
    e = load_text(text, "plan.yaml").model.events[0]
    assert isinstance(e.when, Timed) and e.zone == "Asia/Ho_Chi_Minh"
    assert e.window == parse_window("2026-03-11")


def test_explicit_zone_wins_over_the_country() -> None:
    text = event(when="{start: 2026-03-11T09:00, tz: Australia/Perth}", where="{country: AU}")
    assert load_text(text, "plan.yaml").model.events[0].zone == "Australia/Perth"


def test_models_are_frozen() -> None:
    e = load_text(event(), "plan.yaml").model.events[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.id = "other"  # type: ignore[misc]


def test_all_problems_of_a_file_come_in_one_pass() -> None:
    text = event(status="Done", url="javascript:x", when="2026-02-30", titel="x")
    with pytest.raises(PlanError) as caught:
        load_text(text, "plan.yaml")
    assert [p.code for p in caught.value.problems] == [
        "invalid-value",
        "invalid-choice",
        "invalid-value",
        "unknown-key",
    ]


def test_plan_spans_files_and_keeps_file_order(make_plan: MakePlan) -> None:
    root = make_plan(
        {"b.yaml": event(), "a.yaml": BODY.replace("cptpp", "asean").replace("CPTPP", "ASEAN")}
    )
    loaded = read_plan(root)
    assert [f.name for f in loaded.files] == ["schedules/a.yaml", "schedules/b.yaml"]
    assert [b.id for b in loaded.plan.bodies] == ["asean", "cptpp"]
    f, path = loaded.locate("som1")
    assert (f.name, path, f.mark(path).line) == ("schedules/b.yaml", ("events", 0), 4)


def test_problems_in_several_files_are_all_reported(make_plan: MakePlan) -> None:
    root = make_plan({"a.yaml": event(status="done"), "b.yaml": "- x\n", "c.yaml": event(id="Bad")})
    with pytest.raises(PlanError) as caught:
        read_plan(root)
    assert [(p.file, p.line) for p in caught.value.problems] == [
        ("schedules/a.yaml", 8),
        ("schedules/b.yaml", 1),
        ("schedules/c.yaml", 4),
    ]


def test_node_limit_holds_for_flat_lists_and_mappings() -> None:
    for text in (
        "events: [" + "a," * 200_001 + "a]\n",
        "".join(f"k{i}: v\n" for i in range(100_001)),
    ):
        with pytest.raises(PlanError) as caught:
            load_text(text, "plan.yaml")
        (problem,) = caught.value.problems
        assert (problem.code, problem.message) == (
            "too-large",
            "more than 200000 YAML nodes; split the file",
        )


def test_the_entry_places_the_fast_reader_notes_are_those_of_the_located_tree() -> None:
    """Planning findings are located from the marks the fast reader notes; they must be the
    marks the located tree gives, for every entry of the bundled plan and a generated one."""
    from chairplan.plan import yamltree
    from chairplan.plan.read import read_plan
    from tests.conftest import REPO

    loaded = read_plan(REPO)
    noted = [(f, path, mark) for f in loaded.files for path, mark in f.entry_marks.items()]
    assert len(noted) >= sum(1 for _ in loaded.entries())
    for f, path, mark in noted:
        assert yamltree.locate(f.tree, path) == mark, (f.name, path)
