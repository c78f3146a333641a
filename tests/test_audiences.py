"""Audiences: nothing above an output's audience reaches it, in any file or format.

The canary plan (tests/fixtures/audiences) names everything only the internal level may see
"canary", and what partners may see but the public may not "pigeon". Every output of every lower
audience is searched for those words byte for byte, case-folded, and after undoing each escaping
an output may apply (HTML entities, iCalendar folding and escapes, JSON escapes, Markdown
backslashes, URL encoding), so a marker cannot hide behind one.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import shutil
import urllib.parse
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chairplan import api
from chairplan.audiences import coarse, view
from chairplan.checks.registry import PLANNING_CODES
from chairplan.dates import parse_window
from chairplan.export import timeline
from chairplan.export.html import STATIC, static_file
from chairplan.plan.read import read_plan

from .clitools import invoke
from .feedtools import STAMP, events_by_uid, uid
from .gittools import GitPlan

FIXTURE = Path(__file__).parent / "fixtures" / "audiences"
HIDDEN = {"public": ("canary", "pigeon"), "partners": ("canary",)}
AS_OF = "2026-01-01"


def readings(data: bytes) -> list[str]:
    """The text of an output as each of its readers could read it."""
    text = data.decode("utf-8", errors="replace")
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    ics = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], unfolded)
    found = [text, html.unescape(text), html.unescape(html.unescape(text)), ics]
    found += [re.sub(r"\\(.)", r"\1", text), urllib.parse.unquote(text)]
    with contextlib.suppress(ValueError):
        found.append(json.dumps(json.loads(text), ensure_ascii=False))
    return [t.casefold() for t in found]


def assert_hidden(name: str, data: bytes, markers: tuple[str, ...]) -> None:
    for reading in readings(data):
        for marker in markers:
            assert marker not in reading, f"{name} shows '{marker}'"


def outputs(root: Path, audience: str, tmp_path: Path) -> dict[str, bytes]:
    """Every file of `build`, `ics`, `status` in each format and `diff` in each format, for one
    audience of the plan at `root`."""
    out = tmp_path / f"site-{audience}"
    result = invoke(root, "build", "--out", str(out), "--audience", audience)
    assert result.exit_code == 0, result.stderr
    found = {f"build:{p.relative_to(out)}": p.read_bytes() for p in out.rglob("*") if p.is_file()}
    found["build stdout"] = result.stdout.encode()
    found["file names"] = "\n".join(str(p.relative_to(out)) for p in out.rglob("*")).encode()
    found["ics"] = invoke(root, "ics", "--audience", audience).stdout.encode()
    for fmt in ("text", "json", "markdown"):
        shown = invoke(root, "status", "--as-of", AS_OF, "--audience", audience, "--format", fmt)
        assert shown.exit_code == 0, shown.stderr
        found[f"status {fmt}"] = shown.stdout.encode()
        changed = invoke(root, "diff", "HEAD~1", "--audience", audience, "--format", fmt)
        assert changed.exit_code == 0, changed.stderr
        found[f"diff {fmt}"] = changed.stdout.encode()
    return found


def canary_in_git(root: Path, moved: dict[str, str] | None = None) -> Path:
    """The canary plan in git at `root`: a first commit, then the internal parts changed (so the
    diff and the change log have something to leak), with the working tree as committed; `moved`
    replaces text in the plan before the first commit."""
    shutil.copytree(FIXTURE, root)
    plan = root / "schedules" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    for old, new in (moved or {}).items():
        assert old in text, old
        text = text.replace(old, new)
    plan.write_text(text, encoding="utf-8")
    repo = GitPlan(root)
    repo.commit("2026-02-01T03:00:00Z", "first")
    changed = (
        text.replace("Canary private talks", "Canary private talks, moved")
        .replace("when: 2026-03-10\n", "when: 2026-03-10\n    status: confirmed\n", 1)
        .replace("Canary omitted visit", "Canary omitted visit, retitled")
        .replace("venue: Pigeon hall of the partners", "venue: Pigeon annex of the partners")
    )
    repo.commit("2026-02-10T03:00:00Z", "second", **{"plan.yaml": changed})
    return root


@pytest.fixture
def canary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(STAMP.timestamp())))
    return canary_in_git(tmp_path / "plan")


# The partners' workshop and the secret body's meeting a year later, and every plan paged as a
# large one is: the agenda and the checks of 2027 are on a page of their own, agenda-2027.html.
PAGED = {"2026-06-09..2026-06-10": "2027-06-09..2027-06-10", "when: 2026-04-20": "when: 2027-04-20"}


@pytest.fixture
def paged_canary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(STAMP.timestamp())))
    monkeypatch.setattr(timeline, "WHOLE_PLAN_LIMIT", 1)
    return canary_in_git(tmp_path / "plan", PAGED)


@pytest.mark.parametrize("audience", ["public", "partners"])
def test_no_page_of_a_paged_plan_holds_what_is_above_it(
    paged_canary: Path, tmp_path: Path, audience: str
) -> None:
    found = outputs(paged_canary, audience, tmp_path)
    if audience == "partners":  # the partners see the workshop of 2027
        assert "Partners" in found["build:agenda-2027.html"].decode()
    for name, data in found.items():
        assert_hidden(name, data, HIDDEN[audience])


def test_the_paged_canary_can_fail(paged_canary: Path, tmp_path: Path) -> None:
    found = outputs(paged_canary, "internal", tmp_path)
    assert "canary" in readings(found["build:agenda-2027.html"])[0]  # the secret body's meeting
    assert "pigeon" in readings(found["build:agenda-2027.html"])[0]
    index, later = found["build:index.html"].decode(), found["build:agenda-2027.html"].decode()
    assert 'id="event-partners-workshop"' not in index and 'href="agenda-2027.html"' in index
    assert 'id="event-partners-workshop"' in later and '"partners-workshop"' in index  # app.js's


@pytest.mark.parametrize("audience", ["public", "partners"])
def test_no_output_of_a_lower_audience_holds_what_is_above_it(
    canary: Path, tmp_path: Path, audience: str
) -> None:
    found = outputs(canary, audience, tmp_path)
    assert {"build:index.html", "build:all.ics", "build:changes.atom", "diff json"} <= set(found)
    for name, data in found.items():
        assert_hidden(name, data, HIDDEN[audience])


def test_the_canary_can_fail_the_internal_outputs_hold_every_marker(
    canary: Path, tmp_path: Path
) -> None:
    """The test above searches where the markers would be: the internal outputs have them."""
    found = outputs(canary, "internal", tmp_path)
    for name in ("build:index.html", "build:all.ics", "build:tasks.ics", "status json", "ics"):
        assert "canary" in readings(found[name])[0], name
    for name in ("build:index.html", "build:all.ics", "ics"):
        assert "pigeon" in readings(found[name])[0], name
    assert "canary" in readings(found["diff text"])[0]
    assert "canary" in readings(found["build:changes.atom"])[0]


def test_a_track_name_is_shown_only_with_an_event_of_it(canary: Path, tmp_path: Path) -> None:
    """The public Forum declares four tracks: the plenary's event is public, the canary talks'
    internal (busy below it), the pigeon workshops' for partners (coarsened below), and one has
    no event. A track's name reaches an output only with an event of it the audience sees."""
    shown = {
        audience: [t.id for b in view(read_plan(canary).plan, audience).bodies for t in b.tracks]
        for audience in ("public", "partners")
    }
    assert shown == {"public": ["plenary"], "partners": ["plenary", "pigeon-track"]}
    internal = outputs(canary, "internal", tmp_path)["build:index.html"].decode()
    for lane in ("Forum · Plenary sessions", "Forum · Canary talks", "Forum · Pigeon workshops"):
        assert f"<title>{lane}</title>" in internal, lane
    assert "Canary track no event uses" not in internal
    public = outputs(canary, "public", tmp_path)
    assert "<title>Forum · Plenary sessions</title>" in public["build:index.html"].decode()
    for name, data in public.items():
        assert_hidden(name, data, ("canary talks", "nhánh canary", "pigeon workshops"))


def test_each_redaction(canary: Path) -> None:
    plan = read_plan(canary).plan
    public = view(plan, "public")
    events = {e.id: e for e in public.events}
    # omit: nothing of it; its body's entries in a hidden body are gone too.
    assert "canary-omitted-visit" not in events and not any("secret" in e for e in events)
    # busy: an opaque id, "Busy", the days only.
    [busy] = [e for e in public.events if e.title.en == "Busy"]
    assert busy.id.startswith("redacted-") and str(busy.window) == "2026-03-10"
    assert (busy.where, busy.notes, busy.sources, busy.title.vi) == (None, None, [], "Bận")
    # coarsen: the title, the month, the city.
    [workshop] = [e for e in public.events if e.title.en == "Partners' workshop"]
    assert workshop.id.startswith("redacted-") and workshop.track is None
    assert (str(workshop.window), workshop.where.venue, workshop.where.city) == (
        "2026-06",
        None,
        "Huế",
    )
    # A public entry counted from an internal anchor keeps its day, not its formula.
    assert (
        str(events["forum-dinner"].window) == "2026-03-13" and "forum-dinner" not in public.derived
    )
    # A link to what the audience does not see is dropped; a sensitive field by its own level.
    [programme] = [d for d in public.deliverables if d.id == "forum-programme"]
    assert (programme.events, programme.owner) == (["forum-opening"], None)
    assert events["forum-opening"].resources == [] and events["forum-opening"].notes is None
    assert events["forum-opening"].waive == []


def test_uids_are_the_same_in_every_audience_and_say_nothing(canary: Path, tmp_path: Path) -> None:
    feeds = {
        a: events_by_uid(invoke(canary, "ics", "--audience", a).stdout.encode())
        for a in ("public", "internal")
    }
    talks = uid("canary-private-talks", key="test-only-secret-for-the-canary-plan")
    assert str(feeds["public"][talks]["SUMMARY"]) == "Busy"
    assert str(feeds["internal"][talks]["SUMMARY"]) == "Canary private talks, moved"
    assert set(feeds["public"]) < set(feeds["internal"])
    assert all(re.fullmatch(r"[0-9a-f]{32}@chairplan", u) for u in feeds["internal"])


def test_every_output_says_who_it_is_for(canary: Path, tmp_path: Path) -> None:
    found = outputs(canary, "partners", tmp_path)
    assert b'id="audience">For: partners.</p>' in found["build:index.html"]
    assert b"NAME:chairplan: all events (partners)" in found["build:all.ics"]
    assert json.loads(found["build:feeds.json"])["audience"] == "partners"
    assert found["build:checklist.md"].startswith(b"# Checklist as of 2026-03-01, for partners\n")
    assert found["status text"].startswith(b"Status as of 2026-01-01, for partners\n")
    assert json.loads(found["diff json"])["audience"] == "partners"
    assert (
        b"<title>chairplan: what changed in the plan (partners)</title>"
        in found["build:changes.atom"]
    )
    internal = invoke(canary, "build", "--out", str(tmp_path / "internal"))
    assert internal.stdout.endswith("for internal; chairplan.lock updated.\n")
    page = (tmp_path / "internal" / "index.html").read_text(encoding="utf-8")
    assert (
        "The most private level: everything in the plan is on this page. Do not publish it." in page
    )


def test_audiences_are_never_built_into_inside_or_around_each_other(
    canary: Path, tmp_path: Path
) -> None:
    """Published, a folder carries all it holds: an internal build inside a public one would be
    published with it; a public one inside an internal one invites publishing the wrong one."""
    site = tmp_path / "site"
    assert invoke(canary, "build", "--out", str(site), "--audience", "public").exit_code == 0
    inside = invoke(canary, "build", "--out", str(site / "private"))
    assert (inside.exit_code, inside.stderr) == (
        1,
        f"{site / 'private'} is inside {site.resolve()}, which holds the build for 'public'; a "
        "build for 'internal' is never written where another audience's is: choose another "
        "--out folder\n",
    )
    same = invoke(canary, "build", "--out", str(site), "--audience", "partners")
    assert same.exit_code == 1 and "holds the build for 'public'" in same.stderr
    assert not (site / "private").exists()
    around = tmp_path / "around"
    assert invoke(canary, "build", "--out", str(around / "internal")).exit_code == 0
    wrapped = invoke(canary, "build", "--out", str(around), "--audience", "public")
    assert wrapped.exit_code == 1 and "never written around another audience's" in wrapped.stderr
    again = invoke(canary, "build", "--out", str(site), "--audience", "public")
    assert again.exit_code == 0  # the same audience again is a rebuild
    every = invoke(canary, "build", "--out", str(tmp_path / "all"), "--audience", "all")
    assert every.exit_code == 0, every.stderr
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == [
        "internal",
        "partners",
        "public",
    ]


def test_an_unknown_audience_is_a_located_error_with_did_you_mean(
    canary: Path, make_plan, tmp_path: Path
) -> None:
    result = invoke(canary, "status", "--audience", "publc")
    assert (result.exit_code, result.stderr) == (
        1,
        "no audience 'publc' in the plan — did you mean 'public'?\n",
    )
    root = make_plan(
        {
            "plan.yaml": "settings:\n  field-audiences: {notes: partnres}\n"
            "bodies:\n  - {id: b, short: B, name: B, audience: pubic}\n"
            "events:\n  - {id: e, title: E, body: b, when: 2026-05-01, audience: internal}\n"
            "priorities:\n  - id: p\n    body: b\n    title: P\n    audience: internal\n"
            "    deliverables:\n      - {id: d, title: D, audience: public, redact: busy}\n"
        }
    )
    result = invoke(root, "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:4] == [
        "schedules/plan.yaml:2:28: error: settings.field-audiences.notes: no audience 'partnres' "
        "in settings: audiences: — did you mean 'partners'?",
        "schedules/plan.yaml:4:42: error: bodies.0.audience: no audience 'pubic' in settings: "
        "audiences: — did you mean 'public'?",
        "schedules/plan.yaml:13:37: error: priorities.0.deliverables.0.audience: 'public' is more "
        "public than its priority 'p' ('internal'); an entry is at least as private as what it "
        "belongs to: give it 'internal' or a more private level, or make the priority more public",
        "schedules/plan.yaml:13:53: error: priorities.0.deliverables.0.redact: a deliverable is "
        "never a busy block; write omit or coarsen",
    ]


@pytest.mark.parametrize(
    ("written", "coarsened"),
    [
        ("2026-03-10", "2026-03"),
        ("2026-03-30..2026-04-02", "2026-H1"),
        ("2026-04-30..2026-05-02", "2026-Q2"),
        ("2026-05-30..2026-07-02", "2026"),
        ("2026-02-01..2026-08-02", "2026"),
        ("2026-12-30..2027-01-02", "2026..2027"),
        ("2026-Q3", "2026-Q3"),
    ],
)
def test_coarsened_dates(written: str, coarsened: str) -> None:
    assert str(coarse(parse_window(written))) == coarsened


# --- the same on plans made by hypothesis --------------------------------------------------------

LEVELS = st.sampled_from([None, "public", "partners", "internal"])
MODES = st.sampled_from([None, "omit", "busy", "coarsen"])


@st.composite
def plans(draw: st.DrawFn) -> str:
    """A plan of one public body whose events and deliverables have random levels and redaction:
    what the public may not see plainly says "canary", unless coarsening shows it on purpose."""
    events, deliverables = [], []
    for n in range(draw(st.integers(1, 8))):
        level, mode = draw(LEVELS), draw(MODES)
        hidden = level in ("partners", "internal")  # the body is public: None inherits public
        coarsened = hidden and mode == "coarsen"
        name = f"canary-{n}" if hidden and not coarsened else f"event-{n}"
        day = f"2026-{1 + n % 12:02d}-{1 + 2 * n:02d}"
        lines = [f"  - id: {name}", f"    title: {name.title()}", "    body: b", f"    when: {day}"]
        lines.append(
            f"    where: {{city: Huế, country: VN, venue: Canary venue {n}}}" if hidden else ""
        )
        lines += [f"    notes: Canary note {n}", "    resources: [canary-aide]"]
        lines += [f"    audience: {level}"] * (level is not None) + [f"    redact: {mode}"] * (
            mode is not None
        )
        events.append("\n".join(line for line in lines if line))
        if draw(st.booleans()):
            d_level, d_mode = draw(LEVELS), draw(st.sampled_from([None, "omit", "coarsen"]))
            d_hidden = d_level in ("partners", "internal")
            d_name = f"canary-d{n}" if d_hidden and d_mode != "coarsen" else f"deliverable-{n}"
            item = [
                f"      - id: {d_name}",
                f"        title: {d_name.title()}",
                f"        due: {day}",
            ]
            item += ["        owner: Canary owner", f"        events: [{name}]"]
            item += [f"        audience: {d_level}"] * (d_level is not None)
            item += [f"        redact: {d_mode}"] * (d_mode is not None)
            deliverables.append("\n".join(item))
    # The planning rules only warn (their findings are shown to all): what is tested is what
    # the outputs show, not whether the plan's days are well chosen.
    head = "settings:\n  uid-key: generated\n  field-audiences: {findings: public}\n"
    head += "  rules: {" + ", ".join(f"{c}: warning" for c in PLANNING_CODES) + "}\n"
    head += (
        "bodies:\n  - {id: b, short: B, name: Body, audience: public, notes: Canary body note}\n"
    )
    head += "resources:\n  - {id: canary-aide, name: Canary aide, kind: person}\n"
    priority = "priorities:\n  - id: p\n    body: b\n    title: Priority\n"
    priority += ("    deliverables:\n" + "\n".join(deliverables) + "\n") if deliverables else ""
    return head + priority + "events:\n" + "\n".join(events) + "\n"


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=plans())
def test_generated_plans_show_the_public_nothing_above_it(
    text: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("generated")
    (root / "schedules").mkdir()
    (root / "schedules" / "plan.yaml").write_text(text, encoding="utf-8")
    out = root / "site"
    api.build(root, out, STAMP, audience="public")
    for path in out.rglob("*"):
        if path.is_file():
            assert_hidden(str(path.relative_to(out)), path.read_bytes(), ("canary",))
    feed = api.feed(root, api_filter(), STAMP, audience="public")
    assert_hidden("ics", feed, ("canary",))
    report = api.status(root, STAMP.date(), audience="public")
    assert_hidden("status", json.dumps(report.as_dict(), ensure_ascii=False).encode(), ("canary",))


def api_filter():
    from chairplan.export.site import EventFilter

    return EventFilter()


@pytest.mark.parametrize("audience", ["public", "partners", "internal"])
def test_golden_outputs_per_audience(audience: str, tmp_path: Path) -> None:
    """Every file `build` writes for each audience of the canary plan, byte for byte
    (CHAIRPLAN_UPDATE_GOLDEN=1 rewrites them)."""
    root = tmp_path / "plan"
    shutil.copytree(FIXTURE, root)
    out = tmp_path / "site"
    api.build(root, out, STAMP, audience=audience)
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    for name in STATIC:  # the page's static files are the package's, byte for byte: not stored
        assert files.pop(name) == static_file(name)
    golden = FIXTURE / f"golden-{audience}"
    if os.environ.get("CHAIRPLAN_UPDATE_GOLDEN"):
        shutil.rmtree(golden, ignore_errors=True)
        for name, data in files.items():
            (golden / name).parent.mkdir(parents=True, exist_ok=True)
            (golden / name).write_bytes(data)
    stored = {
        p.relative_to(golden).as_posix(): p.read_bytes() for p in golden.rglob("*") if p.is_file()
    }
    assert sorted(stored) == sorted(files)
    for name, data in files.items():
        assert data == stored[name], name


def test_the_readme_shows_the_real_public_status_and_busy_block(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    readme = (FIXTURE.parent.parent.parent / "README.md").read_text(encoding="utf-8")
    command = (
        "$ chairplan --root tests/fixtures/audiences status --as-of 2026-08-20 --audience public "
        "--format markdown\n"
    )
    shown = readme.split(command, 1)[1].split("```", 1)[0]
    args = ("status", "--as-of", "2026-08-20", "--audience", "public", "--format", "markdown")
    assert invoke(FIXTURE, *args).stdout == shown
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772323200")
    feed = invoke(FIXTURE, "ics", "--audience", "public").stdout.replace("\r\n", "\n")
    block = readme.split("the public feed has, on its day:\n\n```text\n", 1)[1].split("\n```", 1)[0]
    assert block in feed and block.startswith("BEGIN:VEVENT\nSUMMARY:Busy\n")


def test_internal_documents_are_verified_as_articles_are(canary: Path) -> None:
    plan = canary / "schedules" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace("confirmed that the forum opens", "said the forum opens"), encoding="utf-8"
    )
    result = invoke(canary, "check")
    assert result.exit_code == 1
    assert (
        "schedules/plan.yaml:87:16: error: events.0.sources.1.quote: quote not found in "
        "documents/note-verbale-2026-02.txt; copy the words exactly from the document (spacing "
        "and curly quotes do not matter)"
    ) in result.stdout
    plan.write_text(
        text.replace("note-verbale-2026-02.txt", "note-verbale-2026-03.txt"), encoding="utf-8"
    )
    result = invoke(canary, "check")
    assert (
        "schedules/plan.yaml:86:19: error: events.0.sources.1.document: no file "
        "'note-verbale-2026-03.txt' in the documents folder (did you mean "
        "'note-verbale-2026-02.txt'?)"
    ) in result.stdout
    plan.write_text(
        text.replace(
            "      - document: note-verbale-2026-02.txt  #",
            "      - article: x.txt\n        document: note-verbale-2026-02.txt  #",
        ),
        encoding="utf-8",
    )
    result = invoke(canary, "check")
    assert (
        "cite one file: article: (a file in seeds/) or document: (a file in documents/)"
        in result.stdout
    )


def test_an_unknown_audience_never_sees_more(canary: Path) -> None:
    from chairplan.errors import UnknownName

    plan = read_plan(canary).plan
    with pytest.raises(UnknownName):
        view(plan, "everyone")


def test_a_feed_the_plan_no_longer_makes_is_removed(canary: Path, tmp_path: Path) -> None:
    """A track whose only event became private: its old feed must not stay at its address."""
    plan = canary / "schedules" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    public_track = text.replace(
        "    when: 2026-09-17\n", "    when: 2026-09-17\n    track: closing\n", 1
    ).replace(
        "      - {id: plenary,", "      - {id: closing, name: Closing}\n      - {id: plenary,", 1
    )
    plan.write_text(public_track, encoding="utf-8")
    site = tmp_path / "site"
    assert invoke(canary, "build", "--out", str(site), "--audience", "public").exit_code == 0
    assert (site / "tracks" / "closing.ics").is_file()
    hidden = public_track.replace(
        "    track: closing\n", "    track: closing\n    audience: internal\n", 1
    )
    plan.write_text(hidden, encoding="utf-8")
    result = invoke(canary, "build", "--out", str(site), "--audience", "public")
    assert result.exit_code == 0, result.stderr
    assert f"removed {site / 'tracks/closing.ics'} (the plan no longer makes it)" in result.stdout
    assert not (site / "tracks" / "closing.ics").exists()


def test_the_change_log_tells_nothing_of_what_was_made_private_since(
    canary: Path, tmp_path: Path
) -> None:
    """An older revision showed an entry to the public; it is internal now: the public's change
    log and diff say nothing of it, neither then nor its withdrawal."""
    repo = GitPlan.existing(canary)
    plan = canary / "schedules" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    shown = text.replace("    title: Forum closing\n", "    title: Forum closing, the pigeon one\n")
    repo.commit("2026-02-20T03:00:00Z", "shown", **{"plan.yaml": shown})
    withdrawn = shown.replace(
        "    when: 2026-09-17\n", "    when: 2026-09-17\n    audience: internal\n", 1
    )
    repo.commit("2026-02-25T03:00:00Z", "withdrawn", **{"plan.yaml": withdrawn})
    out = tmp_path / "site"
    since = ("--changes-since", "2026-02-01")
    result = invoke(canary, "build", "--out", str(out), "--audience", "public", *since)
    assert result.exit_code == 0, result.stderr
    for name in ("changes.atom", "changes.md", "index.html"):
        assert_hidden(name, (out / name).read_bytes(), ("pigeon", "forum-closing"))
    diff = invoke(canary, "diff", "HEAD~2", "--audience", "public", "--format", "json")
    assert "forum-closing" not in diff.stdout and "pigeon" not in diff.stdout


def test_a_blackout_and_the_uid_key_are_checked(make_plan) -> None:
    root = make_plan(
        {
            "plan.yaml": "bodies:\n  - {id: b, short: B, name: B, audience: public}\n"
            "  - {id: c, short: C, name: C}\n"
            "events:\n  - {id: e, title: E, body: b, when: 2027-05-04, audience: internal}\n"
            "blackouts:\n  - {id: x, title: X, when: 2027-05-10..2027-05-11, audience: public, "
            "bodies: [c]}\n"
        }
    )
    result = invoke(root, "check")
    assert result.stdout.splitlines()[:2] == [
        "schedules/plan.yaml:1:1: error: settings: the plan shows some entries to a lower "
        "audience and hides others, but has no uid-key:, so a UID can be matched to a guessed id; "
        "add `uid-key:` with a long random secret (once: changing it changes every UID)",
        "schedules/plan.yaml:7:63: error: blackouts.0.audience: 'public' is more public than its "
        "body 'c' ('internal'); an entry is at least as private as what it belongs to: give it "
        "'internal' or a more private level, or make the body more public",
    ]
