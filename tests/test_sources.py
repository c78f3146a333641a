"""Articles, `chairplan sources scan`, and the date checks on citations in `chairplan check`."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from chairplan.cli import app
from chairplan.sources.articles import (
    NO_DATE_NOTE,
    Article,
    Library,
    _general_normal_with_offsets,
    _normal_with_offsets,
    _simple_normal_with_offsets,
    normalise,
)
from tests.conftest import REPO, MakePlan

SEEDS = sorted(p.name for p in (REPO / "seeds").iterdir())


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"CHAIRPLAN_ROOT": str(root)})
    return result.exit_code, result.stdout, result.stderr


def test_articles_have_dates_and_languages() -> None:
    found = {a.name: (a.published, a.language, a.note) for a in Library(REPO).all()}
    assert found == {
        SEEDS[0]: (dt.date(2026, 3, 11), "en", None),
        SEEDS[1]: (dt.date(2025, 11, 20), "en", None),
        SEEDS[2]: (dt.date(2025, 11, 20), "vi", None),
        SEEDS[3]: (dt.date(2026, 1, 28), "en", None),  # from the page stamps
        SEEDS[4]: (dt.date(2026, 1, 29), "en", None),
    }


def test_an_article_without_a_date_is_usable_and_says_so() -> None:
    article = Article("x.txt", "The forum opens on Wednesday, in March 2026.")
    assert article.published is None
    assert article.note == NO_DATE_NOTE
    assert [(m.text, m.value) for m in article.mentions] == [("March 2026", "2026-03")]


@pytest.mark.parametrize("name", SEEDS)
def test_offsets_map_the_normal_form_back_to_the_text(name: str) -> None:
    text = (REPO / "seeds" / name).read_text(encoding="utf-8")
    normal, offset = _normal_with_offsets(text)
    assert normal == normalise(text)
    assert all(text[offset(i)] == c or c in " '\"" for i, c in enumerate(normal))


def test_the_normal_form_joins_exactly_what_a_regular_expression_calls_space() -> None:
    """normalise splits with str.split(): every character \\s matches, and only those, is space
    (a zero-width space or a Mongolian vowel separator is not), and every curly quote goes straight."""
    spaces = [c for c in map(chr, range(sys.maxunicode + 1)) if re.fullmatch(r"\s", c)]
    text = " x".join(spaces) + "\u200b\u180e ‘a’ “b” „c” ʼd Cafe\u0301 "
    straight = str.maketrans({"‘": "'", "’": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"'})
    expected = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).translate(straight)).strip()
    assert len(spaces) == 29
    assert normalise(text) == expected


def test_quote_span_ignores_spacing_and_curly_quotes() -> None:
    article = Article("a.txt", "He said:  “We  meet on\nMarch 10”. Then left.")
    assert article.quote_span('said: "We meet on March 10"') == (3, 32)
    assert article.quote_span("not there") is None


SCAN_004 = """\
seeds/004_b2415f9d9ce01d55.txt:1:265   2026-01-29  day        "Thursday"
seeds/004_b2415f9d9ce01d55.txt:3:366   2045        year       "2045"  (in a name)
seeds/004_b2415f9d9ce01d55.txt:7:28    2026        year       "2026"
seeds/004_b2415f9d9ce01d55.txt:7:107   2025        year       "2025"
seeds/004_b2415f9d9ce01d55.txt:15:302  2024/2027   yearrange  "2024–2027"
seeds/004_b2415f9d9ce01d55.txt:15:418  2026        year       "2026"
seeds/004_b2415f9d9ce01d55.txt:19:267  1982        year       "1982"  (in a name)
seeds/004_b2415f9d9ce01d55.txt:23:101  2026        year       "2026"  (in a name)
seeds/004_b2415f9d9ce01d55.txt:23:109  2026-Q2     quarter    "the second quarter this year"
seeds/004_b2415f9d9ce01d55.txt:25:67   2026        year       "2026"
seeds/004_b2415f9d9ce01d55.txt:25:454  2045        year       "2045"  (in a name)
seeds/004_b2415f9d9ce01d55.txt:29:358  1982        year       "1982"  (in a name)
seeds/004_b2415f9d9ce01d55.txt:31:291  2025-12-27  day        "December 27, 2025"
seeds/004_b2415f9d9ce01d55.txt:33:9    2026-01-29  day        "Thursday"
seeds/004_b2415f9d9ce01d55.txt:35:205  2025/2030   yearrange  "2025–2030"  (in a name)
seeds/004_b2415f9d9ce01d55.txt:35:401  2026        year       "2026"
seeds/004_b2415f9d9ce01d55.txt:39:277  2027        year       "2027"
seeds/004_b2415f9d9ce01d55.txt:39:443  2026        year       "2026"
seeds/004_b2415f9d9ce01d55.txt:49:13   2026-01-28  day        "Wednesday"
"""


def test_scan_text_prints_one_aligned_line_per_mention(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    assert run(REPO, "sources", "scan", "seeds/004_b2415f9d9ce01d55.txt") == (0, SCAN_004, "")


def test_scan_jsonl_of_every_article_has_the_scorer_fields() -> None:
    code, out, err = run(REPO, "sources", "scan", "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert (code, err) == (0, "")
    assert {r["file"] for r in records} == set(SEEDS)
    assert records[:2] == [
        {
            "file": SEEDS[0],
            "text": "2026",
            "start": 157,
            "value": "2026",
            "kind": "year",
            "anchor": "explicit",
        },
        {
            "file": SEEDS[0],
            "text": "Wednesday",
            "start": 182,
            "value": "2026-03-11",
            "kind": "day",
            "anchor": "relative",
        },
    ]
    named = [r for r in records if r.get("in_name")]
    assert [(r["file"], r["start"], r["text"]) for r in named][:3] == [
        (SEEDS[3], 28, "2026"),
        (SEEDS[4], 720, "2045"),
        (SEEDS[4], 2935, "1982"),
    ]
    assert all(r["in_name"] is True for r in named) and len(named) == 7
    for r in records:
        text = (REPO / "seeds" / r["file"]).read_text(encoding="utf-8")
        assert text[r["start"] : r["start"] + len(r["text"])] == r["text"]
        assert set(r) <= {"file", "text", "start", "value", "kind", "anchor", "in_name"}


def test_scan_any_text_file_and_note_a_missing_date(tmp_path: Path, make_plan: MakePlan) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Ngày 20/11/2025, hội nghị khai mạc.\n", encoding="utf-8")
    code, out, err = run(make_plan(), "sources", "scan", str(note), "--format", "jsonl")
    assert code == 0
    assert json.loads(out) == {
        "file": str(note),
        "text": "Ngày 20/11/2025",
        "start": 0,
        "value": "2025-11-20",
        "kind": "day",
        "anchor": "explicit",
    }
    assert err == f"{note}: {NO_DATE_NOTE}\n"


def test_scan_a_missing_file_is_a_clear_error(tmp_path: Path, make_plan: MakePlan) -> None:
    missing = tmp_path / "nope.txt"
    assert run(make_plan(), "sources", "scan", str(missing)) == (
        1,
        "",
        f"{missing}: no such file; give the path of a UTF-8 text file\n",
    )


def test_scan_of_a_folder_is_a_clear_error(tmp_path: Path, make_plan: MakePlan) -> None:
    (tmp_path / "folder").mkdir()
    assert run(make_plan(), "sources", "scan", str(tmp_path / "folder")) == (
        1,
        "",
        f"{tmp_path / 'folder'}: {tmp_path}/folder is not a regular file\n",
    )


def test_scan_refuses_a_symlink_and_non_utf8(tmp_path: Path, make_plan: MakePlan) -> None:
    (tmp_path / "link.txt").symlink_to("/etc/hostname")
    (tmp_path / "latin.txt").write_bytes(b"caf\xe9 2026")
    root = make_plan()
    code, _, err = run(root, "sources", "scan", str(tmp_path / "link.txt"))
    assert (code, "symlinks are not allowed" in err) == (1, True)
    code, _, err = run(root, "sources", "scan", str(tmp_path / "latin.txt"))
    assert (code, err) == (
        1,
        f"{tmp_path / 'latin.txt'} is not valid UTF-8 (byte 0xe9 at offset 3); save it as UTF-8\n",
    )


# --- citation checks -------------------------------------------------------------------------

HEAD = """\
bodies:
  - id: cptpp
    short: CPTPP
    name: CPTPP
events:
  - id: som1
    title: SOM1
    when: {when}
    body: cptpp
    sources:
"""
SOURCE = """\
      - article: {article}
        quote: {quote}
        supports: [{supports}]
"""
A000, A004 = SEEDS[0], SEEDS[4]


def plan_with(
    make_plan: MakePlan, when: str, *sources: tuple[str, str], supports: str = "when"
) -> Path:
    text = HEAD.format(when=when) + "".join(
        SOURCE.format(article=a, quote=q, supports=supports) for a, q in sources
    )
    return make_plan({"plan.yaml": text})


@pytest.mark.parametrize(
    ("when", "article", "quote"),
    [
        ("2026-03-10..2026-03-13", A000, "SOM1 takes place in Hà Nội from March 10 to 13"),  # equal
        ("2026-03-10..2026-03-13", A000, "opened in Hà Nội on Wednesday"),  # a day inside
        ("2026-Q1", A000, "opened in Hà Nội on Wednesday"),  # a day inside a quarter
        ("2026-03-10..2026-03-13", A000, "SOM1 takes place in Hà Nội"),  # the range next to it
        ("2026-03-10..2026-03-13", A000, "The meeting, held in a hybrid format"),  # no date: fine
        ("2026-01-29", A004, "in alignment with the ASEAN Vision 2045"),  # a name is no date
        (
            "2026-Q2",
            A004,
            "Việt Nam will host the third ASEAN Future Forum (AFF) 2026 in the second quarter",
        ),
    ],
)
def test_dates_that_agree(make_plan: MakePlan, when: str, article: str, quote: str) -> None:
    code, out, _ = run(plan_with(make_plan, when, (article, quote)), "check")
    assert (code, out) == (
        0,
        "ok: 1 file, 1 event, 0 priorities, 0 deliverables, 1 quote checked.\n",
    )


def test_a_disagreement_names_both_sides(make_plan: MakePlan) -> None:
    root = plan_with(
        make_plan,
        "2026-03-11..2026-03-13",
        (A000, "SOM1 takes place in Hà Nội from March 10 to 13"),
        (A000, "opened in Hà Nội on Wednesday"),
    )
    assert run(root, "check") == (
        1,
        (
            "schedules/plan.yaml:11:9: error: events.0.sources.0: the article says 'March 10 to 13' "
            "(2026-03-10..2026-03-13) but events.0.when is 2026-03-11..2026-03-13 "
            "(schedules/plan.yaml:8:11); correct the plan's date, or quote the words that give it\n"
            "1 error found.\n"
        ),
        "",
    )


def test_a_broader_date_does_not_support_a_finer_one_alone(make_plan: MakePlan) -> None:
    root = plan_with(make_plan, "2026-03-11", (A000, "SOM1 takes place in Hà Nội"))
    assert run(root, "check") == (
        1,
        (
            "schedules/plan.yaml:11:9: error: events.0.sources.0: the article says only 'March 10 to 13' "
            "(2026-03-10..2026-03-13) but events.0.when is 2026-03-11 (schedules/plan.yaml:8:11); "
            "cite a source that gives the finer date, widen when to 2026-03-10..2026-03-13, or "
            "take 'when' out of this source's supports\n"
            "1 error found.\n"
        ),
        "",
    )
    root = plan_with(
        make_plan,
        "2026-03-11",
        (A000, "SOM1 takes place in Hà Nội"),
        (A000, "opened in Hà Nội on Wednesday"),
    )
    assert run(root, "check")[0] == 0


def test_only_sources_that_support_the_date_are_checked(make_plan: MakePlan) -> None:
    root = plan_with(
        make_plan,
        "2027",
        (A000, "SOM1 takes place in Hà Nội from March 10 to 13"),
        supports="title",
    )
    assert run(root, "check")[0] == 0


def test_chairmanship_years_are_checked(make_plan: MakePlan) -> None:
    text = """\
bodies:
  - {id: cptpp, short: CPTPP, name: CPTPP}
chairmanships:
  - id: vn
    body: cptpp
    role: chair
    country: VN
    years: "2025"
    timezone: Asia/Ho_Chi_Minh
    sources:
      - article: 000_d3d8dee123cff496.txt
        quote: Việt Nam assumes the rotating chairmanship of the CPTPP in 2026.
        supports: [years]
"""
    assert run(make_plan({"plan.yaml": text}), "check") == (
        1,
        (
            "schedules/plan.yaml:11:9: error: chairmanships.0.sources.0: the article says '2026' (2026) but "
            "chairmanships.0.years is 2025 (schedules/plan.yaml:8:12); correct the plan's date, or "
            "quote the words that give it\n1 error found.\n"
        ),
        "",
    )


def test_the_bundled_plan_passes_the_date_checks() -> None:
    code, out, _ = run(REPO, "check")
    assert (code, out) == (
        0,
        "ok: 5 files, 15 events, 5 priorities, 7 deliverables, 63 quotes checked.\n",
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["a", "Bé", "2026", " ", "  ", "\n", "\n\n", "\t", " \u00a0", "“", "’", "."]
        ),
        max_size=30,
    ).map("".join)
)
def test_offsets_of_plain_text_equal_those_found_character_by_character(text: str) -> None:
    """The step-wise offsets of NFC text equal the general, per-character ones."""
    normal, offset = _simple_normal_with_offsets(text)
    expected, reference = _general_normal_with_offsets(text)
    assert normal == expected == normalise(text)
    assert [offset(i) for i in range(len(normal))] == [reference(i) for i in range(len(normal))]
