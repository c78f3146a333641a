"""The bundled plan is real data: it loads clean, cites its articles, and holds the articles' facts."""

from __future__ import annotations

import datetime as dt
import filecmp

import pytest

from chairplan import api
from chairplan.checks.pipeline import Checked
from chairplan.dates import Precision, parse_window
from tests.conftest import REPO, SHARED


@pytest.fixture(scope="module")
def loaded() -> Checked:
    return api.check(REPO)


def event(loaded: Checked, event_id: str):  # type: ignore[no-untyped-def]
    return next(e for e in loaded.plan.events if e.id == event_id)


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not beside the repository")
def test_articles_are_a_byte_for_byte_copy() -> None:
    names = sorted(p.name for p in (SHARED / "seeds").iterdir())
    assert sorted(p.name for p in (REPO / "seeds").iterdir()) == names
    _match, mismatch, errors = filecmp.cmpfiles(
        SHARED / "seeds", REPO / "seeds", names, shallow=False
    )
    assert (mismatch, errors) == ([], [])


def test_every_event_priority_and_chairmanship_cites_an_article(loaded: Checked) -> None:
    plan = loaded.plan
    for entry in [*plan.events, *plan.priorities, *plan.chairmanships]:
        assert entry.sources, f"{entry.id} has no source"
    for deliverable in plan.deliverables:
        assert deliverable.sources, f"{deliverable.id} has no source"


def test_every_date_is_supported_by_a_source_that_says_when(loaded: Checked) -> None:
    for e in loaded.plan.events:
        assert any("when" in s.supports for s in e.sources), e.id


def test_som1(loaded: Checked) -> None:
    som1 = event(loaded, "cptpp-som1-2026")
    assert som1.window == parse_window("2026-03-10..2026-03-13")
    assert (som1.where and som1.where.city, som1.where and som1.where.country) == ("Hà Nội", "VN")
    assert (som1.format, som1.body, som1.level, som1.status) == (
        "hybrid",
        "cptpp",
        "senior-officials",
        "held",  # "opened in Hà Nội on Wednesday"
    )
    assert som1.window.contains(dt.date(2026, 3, 11))  # opened on Wednesday the 11th


def test_fuzzy_facts_stay_fuzzy(loaded: Checked) -> None:
    aff = event(loaded, "asean-future-forum-2026")
    assert aff.window == parse_window("2026-Q2") and aff.window.precision is Precision.QUARTER
    assert event(loaded, "apec-2027-viet-nam").window == parse_window("2027")
    assert event(loaded, "asean-uk-dialogue-5th-anniversary").window == parse_window("2026")


def test_dated_facts_of_the_articles(loaded: Checked) -> None:
    expected = {
        "cptpp-decision-141": "2026-01-21",
        "party-congress-14": "2026-01-19..2026-01-23",
        "asean-amm-retreat-2026": "2026-01-29",
        "asean-som-2026-01": "2026-01-28",
        "cptpp-commission-9": "2025-11-20",
        "cptpp-bilateral-vn-jp-2025": "2025-11-20",
    }
    assert {k: str(event(loaded, k).window) for k in expected} == expected


def test_chairmanships(loaded: Checked) -> None:
    chairs = {c.id: c for c in loaded.plan.chairmanships}
    cptpp = chairs["vn-cptpp-2026"]
    assert (cptpp.role, str(cptpp.years), cptpp.theme and cptpp.theme.en) == (
        "chair",
        "2026",
        "Shared Visions – Shared Actions",
    )
    assert str(chairs["vn-asean-coordinator-2024-2027"].years) == "2024..2027"
    assert (chairs["vn-apec-2027"].role, str(chairs["vn-apec-2027"].years)) == ("host", "2027")


def test_five_cptpp_priorities(loaded: Checked) -> None:
    assert [p.id for p in loaded.plan.priorities if p.body == "cptpp"] == [
        "cptpp-upgrade",
        "cptpp-accession",
        "cptpp-external-dialogue",
        "cptpp-institutions",
        "cptpp-implementation",
    ]


def test_vietnamese_titles_come_from_the_vietnamese_article(loaded: Checked) -> None:
    for e in loaded.plan.events:
        if e.title.vi:
            assert any(s.article.startswith("002_") for s in e.sources), e.id
