"""Invisible and look-alike characters where the catalogue (tests/bad_inputs/) cannot put them: a
file name in another Unicode form than its citation, and articles that hold invisible characters.

Articles keep such characters as they were published; a quote never matches across one (the
plan's own text may not hold them), and the message names it where it stands in the quote's way.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from chairplan.sources.articles import Article

from .conftest import MakePlan
from .test_bad_inputs import _snapshot, run_check

ARTICLE = " date 2026-03-11\nThe meeting opened in Hà Nội on 11 March 2026 with officials of the members.\n"
PLAN = """\
bodies:
  - {id: cptpp, short: CPTPP, name: CPTPP}
events:
  - id: som1
    title: SOM1
    when: 2026-03-11
    body: cptpp
    sources:
      - {article: ARTICLE, quote: opened in Hà Nội on 11 March 2026, supports: [when]}
"""


def refused(root: Path) -> str:
    """`check`'s output on a plan it refuses: exit 1, nothing on stderr, no file changed."""
    before = _snapshot(root)
    result = run_check(root)
    assert (result.returncode, result.stderr) == (1, ""), result.stdout
    assert _snapshot(root) == before
    return result.stdout


def test_a_file_name_in_nfd_against_a_citation_in_nfc_is_explained(make_plan: MakePlan) -> None:
    nfc = "Hà Nội.txt"
    nfd = unicodedata.normalize("NFD", nfc)
    root = make_plan({"plan.yaml": PLAN.replace("ARTICLE", nfc)})
    (root / "seeds" / nfd).write_text(ARTICLE, encoding="utf-8")
    assert refused(root) == (
        f"schedules/plan.yaml:9:19: error: events.0.sources.0.article: no file '{nfc}' in the "
        f"seeds folder (did you mean '{nfd}'? the two are the same letters in other Unicode "
        f"forms: '{nfc}' is written in NFC (each accented letter one character), '{nfd}' in NFD "
        "(letters and their accents apart); write the name in the plan as the file has it, or "
        "rename the file)\n1 error found.\n"
    )


@pytest.mark.parametrize(
    ("hidden", "name"),
    [
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("\x07", "U+0007 control character"),
        ("\u00ad", None),  # a soft hyphen shows where it breaks a line: not among the invisible
    ],
)
def test_a_quote_never_matches_across_an_invisible_character(
    make_plan: MakePlan, hidden: str, name: str | None
) -> None:
    root = make_plan({"plan.yaml": PLAN.replace("ARTICLE", "hidden.txt")})
    text = ARTICLE.replace("11 March", f"11 Ma{hidden}rch")
    (root / "seeds" / "hidden.txt").write_text(text, encoding="utf-8")
    found = refused(root)
    prefix = (
        "schedules/plan.yaml:9:38: error: events.0.sources.0.quote: quote not found in "
        "seeds/hidden.txt; "
    )
    if name is None:
        assert found.startswith(prefix + "copy the words exactly from the article")
        return
    assert found == (
        f"{prefix}the words are there, but with the invisible {name} among them "
        "(seeds/hidden.txt:2:38); a quote never matches across one: delete it from the article, "
        "or quote the words on one side of it\n1 error found.\n"
    )


def test_the_words_on_one_side_of_an_invisible_character_still_match() -> None:
    article = Article("a.txt", "The meeting opened in Hà Nội\u200b on 11 March 2026.")
    assert article.contains("opened in Hà Nội") and article.contains("on 11 March 2026")
    assert not article.contains("Hà Nội on 11 March")
    assert article.hidden_in("Hà Nội on 11 March") == ("U+200B ZERO WIDTH SPACE", 1, 29)
    assert article.hidden_in("opened in Hà Nội") is None  # found: nothing to say
    assert article.hidden_in("in Hải Phòng") is None  # not there at all


def test_a_line_break_in_a_file_name_keeps_a_problem_on_one_line(make_plan: MakePlan) -> None:
    root = make_plan({"bad\nname.yaml": "events: [\n"})
    lines = refused(root).splitlines()
    assert lines[0].startswith("schedules/bad\\nname.yaml:") and len(lines) == 2, lines


def test_a_schedule_named_like_a_drive_letter_still_loads(make_plan: MakePlan) -> None:
    """Only a drive with a separator (C:\\, C:/) is a Windows path; 'C:x.yaml' is a file's name."""
    root = make_plan({"C:x.yaml": "bodies:\n  - {id: b, short: B, name: B}\n"})
    result = run_check(root)
    assert (result.returncode, result.stderr) == (0, ""), result.stdout
