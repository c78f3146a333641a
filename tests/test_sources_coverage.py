"""`chairplan sources uncovered` and `suggest`: what the plan does not cite yet, and drafts for it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chairplan.cli import app
from tests.conftest import FIXTURES, REPO, MakePlan

A001 = "001_c213ad8cd181236d.txt"

# Every mention of the bundled articles that no quote covers. Each was read in its article: none is
# an event of the chairmanship year that the plan lacks (see the notes beside them).
UNCOVERED = """\
000_d3d8dee123cff496.txt:1:158   2026        year       "2026"
001_c213ad8cd181236d.txt:3:169   2026        year       "2026"
001_c213ad8cd181236d.txt:9:65    2026        year       "2026"
002_175c92bfbd3c3e92.txt:3:183   2026        year       "năm 2026"
002_175c92bfbd3c3e92.txt:13:300  2026        year       "năm 2026"
002_175c92bfbd3c3e92.txt:25:289  2026        year       "năm 2026"
003_04aaf43a399e3c05.txt:6:124   2026/2030   yearrange  "2026 - 2030"
003_04aaf43a399e3c05.txt:6:163   2045        year       "2045"
003_04aaf43a399e3c05.txt:12:151  2026        year       "2026"
003_04aaf43a399e3c05.txt:12:175  2026/2030   yearrange  "2026 - 2030"
003_04aaf43a399e3c05.txt:15:182  2026-Q1     quarter    "the first quarter of 2026"
003_04aaf43a399e3c05.txt:15:306  2026        year       "2026"
003_04aaf43a399e3c05.txt:26:160  2030        year       "2030"
004_b2415f9d9ce01d55.txt:31:291  2025-12-27  day        "December 27, 2025"
004_b2415f9d9ce01d55.txt:35:401  2026        year       "2026"
"""
# 000:1, 001:3, 001:9 and 002 restate the 2026 CPTPP chairmanship (cited from 000 and 002);
# 003:6-26 are the Party's and the Trade Offices' 2026-2030 goals, not meetings; 004:7 are the
# Philippines' 2026 chairmanship (cited) and Malaysia's 2025 one (not in the plan: a past year);
# 004:31 a Cambodia-Thailand ceasefire; 004:35 a VSIP target "by 2026".

PLAN = (
    "# CPTPP plan: hand-kept.\n"
    "bodies:\n"
    "  - id: cptpp   # the agreement\n"
    "    short: CPTPP\n"
    "    name: CPTPP\n"
    "events:\n"
    "    # first meeting\n"
    "    - id: som1\n"
    '      title: "SOM1"\n'
    "      when: 2026-03-10..2026-03-13   # per the schedule\n"
    "      body: cptpp\n"
)


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"CHAIRPLAN_ROOT": str(root)})
    return result.exit_code, result.stdout, result.stderr


def test_uncovered_on_the_bundled_plan() -> None:
    assert run(REPO, "sources", "uncovered") == (0, UNCOVERED, "")


def test_uncovered_jsonl_leaves_names_and_cited_mentions_out() -> None:
    code, out, _ = run(REPO, "sources", "uncovered", "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == len(UNCOVERED.splitlines())
    assert '"in_name"' not in out and '"Wednesday"' not in out


def test_suggest_prints_a_draft_for_each_mention_that_announces_an_event(
    make_plan: MakePlan,
) -> None:
    root = make_plan({"plan.yaml": PLAN})
    expected = (FIXTURES / "suggest" / "001-cptpp.expected").read_text(encoding="utf-8")
    assert run(root, "sources", "suggest", A001, "--body", "cptpp") == (0, expected, "")
    code, out, _ = run(root, "sources", "suggest", f"seeds/{A001}")
    assert code == 0 and out == expected.replace(
        "body: cptpp", "body: BODY  # TODO: the id of a body in the plan, e.g. cptpp"
    )


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_suggest_write_appends_and_keeps_every_byte(make_plan: MakePlan, newline: str) -> None:
    before = ("\ufeff" + PLAN).replace("\n", newline).encode("utf-8")
    root = make_plan({"plan.yaml": before})
    path = root / "schedules" / "plan.yaml"
    assert run(root, "sources", "suggest", A001, "--body", "cptpp", "--write", str(path)) == (
        0,
        "appended 1 event(s) to schedules/plan.yaml; the plan checks clean\n",
        "",
    )
    after = path.read_bytes()
    draft = _without_reasons((FIXTURES / "suggest" / "001-cptpp.expected").read_text("utf-8"))
    indented = "\n" + "".join(
        ("  " + line if line.strip() else line) for line in draft.splitlines(True)[1:]
    )
    assert after == before + indented.replace("\n", newline).encode("utf-8")
    assert run(root, "check")[0] == 0
    assert run(root, "sources", "suggest", A001) == (
        0,
        f"no date mention of {A001} announces an event the plan does not have (every other one "
        "is cited, covered by an event on those days, or names nothing that takes place); "
        "nothing to draft\n",
        "",
    )


def test_suggest_write_needs_a_body_and_a_valid_result(make_plan: MakePlan) -> None:
    root = make_plan({"plan.yaml": PLAN})
    path = root / "schedules" / "plan.yaml"
    assert run(root, "sources", "suggest", A001, "--write", str(path)) == (
        1,
        "",
        "--write needs --body ID, the body the new events belong to (e.g. --body cptpp)\n",
    )
    code, _, err = run(root, "sources", "suggest", A001, "--body", "asean", "--write", str(path))
    assert code == 1 and "no body 'asean' in the plan" in err
    assert path.read_text(encoding="utf-8") == PLAN


def test_suggest_write_appends_where_events_is_even_when_not_last(make_plan: MakePlan) -> None:
    bodies, events = PLAN.split("events:")
    root = make_plan({"plan.yaml": "events:" + events + "\n# the bodies\n" + bodies})
    path = root / "schedules" / "plan.yaml"
    assert run(root, "sources", "suggest", A001, "--body", "cptpp", "--write", str(path))[0] == 0
    text = path.read_text(encoding="utf-8")
    assert text.endswith("supports: [title, when]\n\n# the bodies\n" + bodies)
    assert text.startswith("events:" + events + "\n    - id: ha-noi-industry-trade-nguyen")
    assert run(root, "check")[0] == 0


def test_suggest_write_fills_an_empty_flow_list_and_refuses_a_full_one(
    make_plan: MakePlan,
) -> None:
    text = PLAN.split("events:")[0].replace("bodies:", "events: []\nbodies:")
    root = make_plan({"plan.yaml": text})
    path = root / "schedules" / "plan.yaml"
    assert run(root, "sources", "suggest", A001, "--body", "cptpp", "--write", str(path))[0] == 0
    draft = _without_reasons((FIXTURES / "suggest" / "001-cptpp.expected").read_text("utf-8"))
    assert path.read_text(encoding="utf-8") == text.replace("events: []\n", draft)
    flow = PLAN.split("events:")[0] + "events: [{id: som1, title: SOM1, when: 2026, body: cptpp}]\n"
    path.write_text(flow, encoding="utf-8")
    assert run(root, "sources", "suggest", A001, "--body", "cptpp", "--write", str(path)) == (
        1,
        "",
        "refused: events: in schedules/plan.yaml is a flow list ([...]); rewrite it as a block "
        "list of '- id: ...' items to append to it, or choose another file\n",
    )
    assert path.read_text(encoding="utf-8") == flow


def test_suggest_write_starts_a_new_schedule_and_refuses_other_folders(
    make_plan: MakePlan, tmp_path: Path
) -> None:
    root = make_plan({"plan.yaml": PLAN})
    outside = tmp_path / "elsewhere.yaml"
    code, _, err = run(root, "sources", "suggest", A001, "--body", "cptpp", "--write", str(outside))
    assert code == 1 and "--write must name a YAML file in" in err and not outside.exists()
    new = root / "schedules" / "drafts.yaml"
    assert run(root, "sources", "suggest", A001, "--body", "cptpp", "--write", str(new))[0] == 0
    assert new.read_text(encoding="utf-8").startswith(
        "events:\n  - id: ha-noi-industry-trade-nguyen"
    )
    # In a new subfolder too, as the README says.
    deeper = root / "schedules" / "drafts" / "2026" / "cptpp.yaml"
    done = run(
        root,
        "sources",
        "suggest",
        "003_04aaf43a399e3c05.txt",
        "--body",
        "cptpp",
        "--write",
        str(deeper),
    )
    assert done[0] == 0, done
    assert deeper.read_text(encoding="utf-8").startswith(
        "events:\n  - id: first-glorious-spring-fair"
    )


def _without_reasons(draft: str) -> str:
    """A printed draft as `--write` appends it: the same items, without the reason comments."""
    return re.sub(r"  # drafted: [^\n]*", "", draft)


def test_suggest_on_the_five_seeds(make_plan: MakePlan) -> None:
    """Pinned precision: with a plan that has only SOM1, the five seed articles give 10 drafts
    (one per mention was 38 before), and the planners kept all 10, for each is an event of the
    bundled plan: the CPTPP meetings of 20 November 2025 (twice, from the English and the
    Vietnamese article), the Glorious Spring Fair, the 14th Party Congress, the ASEAN–UK
    anniversary activities, the ASEAN Future Forum, the meetings on the sidelines of the AMM
    Retreat, APEC 2027 in Việt Nam, the Singaporean FM's visit and the ASEAN SOM. With the
    bundled plan, none."""
    root = make_plan({"plan.yaml": PLAN})
    drafts = "".join(
        run(root, "sources", "suggest", article.name, "--body", "cptpp")[1]
        for article in sorted((REPO / "seeds").iterdir())
    )
    assert drafts == (FIXTURES / "suggest" / "seeds-som1-only.expected").read_text("utf-8")
    for article in sorted((REPO / "seeds").iterdir()):
        code, out, _ = run(REPO, "sources", "suggest", article.name)
        assert code == 0 and out.endswith("nothing to draft\n"), article.name
