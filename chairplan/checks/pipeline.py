"""The one definition of "this plan passes": load every file, then run every rule of the registry.

A planning rule's severity is the plan's to set (`settings:`, for the whole plan or per body), and
an entry may waive a planning finding with a reason (`waive:`): a waived finding is kept apart,
for `status` to list, never dropped without a word.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import calendars
from ..disk import cache, workers
from ..errors import PlanError, Problem, Waived
from ..model import Plan, RuleSeverity, Settings, Waiver
from ..plan.load import LoadedFile, LoadedPlan
from ..plan.read import read_files
from ..sources.articles import Library, Mentions
from .registry import RULES, rule_for
from .rule import Rule, Scope, Subject

__all__ = ["Checked", "check_plan", "judge", "passing", "run_rules", "scope_of"]

_RANK: dict[RuleSeverity, int] = {"off": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Checked:
    """A loaded plan, the articles it cites, every problem the rules found in it, and the
    planning findings its entries waive."""

    loaded: LoadedPlan
    library: Library
    problems: tuple[Problem, ...]
    waived: tuple[Waived, ...] = ()

    @property
    def plan(self) -> Plan:
        return self.loaded.plan

    def errors(self, scope: Scope | None = None) -> list[Problem]:
        """The problems of severity error (of rules of `scope` only, when given)."""
        return [p for p in self.problems if p.severity == "error" and scope in (None, scope_of(p))]

    def in_scope(self, scope: Scope) -> list[Problem]:
        return [p for p in self.problems if scope_of(p) == scope]


def scope_of(problem: Problem) -> Scope:
    """The scope of the rule that found `problem` (the loader's own problems are "plan")."""
    rule = rule_for(problem.code)
    return rule.scope if rule else "plan"


def _bodies(plan: Plan) -> dict[str, str]:
    """The body of every entry that has one (a deliverable has its priority's)."""
    found = {e.id: e.body for e in plan.events}
    for p in plan.priorities:
        found[p.id] = p.body
        found.update((d.id, p.body) for d in p.deliverables)
    return found


def _severity(
    rule: Rule, problem: Problem, settings: Settings, bodies: dict[str, str]
) -> RuleSeverity:
    """The severity the plan gives `rule` for this problem: a body's own setting for its entries,
    else the plan's, else the rule's default; the most severe when entries of several bodies are
    involved, so a setting of one body never hides another's finding."""
    if rule.scope != "planning":
        return rule.severity
    plan_level: RuleSeverity = settings.rules.get(rule.code, rule.severity)
    levels = []
    for entry in problem.entries():
        body = settings.bodies.get(bodies.get(entry, ""))
        levels.append(body.rules.get(rule.code, plan_level) if body else plan_level)
    return max(levels or [plan_level], key=_RANK.__getitem__)


def _off_everywhere(rule: Rule, settings: Settings) -> bool:
    levels = [settings.rules.get(rule.code, rule.severity)]
    levels += [
        body.rules[rule.code] for body in settings.bodies.values() if rule.code in body.rules
    ]
    return all(level == "off" for level in levels)


def _waiver(problem: Problem, waivers: dict[str, list[Waiver]]) -> tuple[str, Waiver] | None:
    involved = {*problem.entries(), *problem.parties}
    for entry in problem.entries():
        for waiver in waivers.get(entry, ()):
            if waiver.rule == problem.code and (
                not waiver.with_ or set(waiver.with_) & (involved - {entry})
            ):
                return entry, waiver
    return None


def judge(
    subject: Subject, *, scope: Scope | None = None, recogniser: bool = True
) -> tuple[list[Problem], list[Waived]]:
    """Every rule's problems, sorted, each with its severity; and the waived planning findings.

    `scope` runs the rules of that scope only; `recogniser=False` skips the rules that need the
    date recogniser (status asks for that: it is the slow one).
    """
    plan = subject.loaded.plan
    settings, bodies = plan.settings, _bodies(plan)
    waivers = {
        entry.id: entry.waive
        for _, _, entry in subject.loaded.entries()
        if getattr(entry, "waive", ())
    }
    found: list[Problem] = []
    waived: list[Waived] = []
    wanted = [
        rule
        for rule in RULES
        if (recogniser or not rule.recogniser)
        and scope in (None, rule.scope)
        and not (rule.scope == "planning" and _off_everywhere(rule, settings))  # off: not run
    ]
    for rule, problems in _findings(subject, wanted):
        for problem in problems:
            severity = _severity(rule, problem, settings, bodies)
            if severity == "off":
                continue
            if severity != problem.severity:
                problem = dataclasses.replace(problem, severity=severity)
            covered = _waiver(problem, waivers) if rule.scope == "planning" else None
            if covered:
                waived.append(Waived(problem, covered[0], covered[1].reason))
            else:
                found.append(problem)
    return sorted(set(found)), sorted(waived, key=lambda w: w.problem)


def _findings(subject: Subject, rules: list[Rule]) -> Iterator[tuple[Rule, Iterable[Problem]]]:
    """Each rule's problems; those of the rules that do not judge by the day are kept in the
    plan's cache under the plan's and the articles' digests, and reused while neither changes;
    those of the rules that judge each file on its own, under each file's and the articles'."""
    undated = dataclasses.replace(subject, as_of=None)
    store = cache.for_root(subject.loaded.root)
    articles = subject.library.fingerprint() if store.enabled and subject.loaded.key else None
    key = cache.digest(subject.loaded.key or "", articles) if articles else None
    known: dict[str, tuple[Problem, ...]] = (store.get("rules", key) or {}) if key else {}
    if articles:
        subject.library.recall_mentions(store)
    local = [r for r in rules if r.local and not r.dated and r.code not in known]
    by_file = _by_file(undated, local, store, articles) if local and articles else {}
    fresh: dict[str, tuple[Problem, ...]] = {}
    for rule in rules:
        if rule.dated:
            yield rule, rule.find(subject)
        elif rule.code in known:
            yield rule, known[rule.code]
        else:
            found = by_file.get(rule.code)
            fresh[rule.code] = tuple(rule.find(undated)) if found is None else found
            yield rule, fresh[rule.code]
    if key and fresh:
        store.put("rules", key, known | fresh)
    if articles:
        subject.library.keep_mentions(store)


# A file judged by the local rules (None: not local after all), and what it had scanned and
# worked out of the articles and calendars.
_Judged = tuple[dict[str, tuple[Problem, ...]] | None, Mentions, dict[tuple[object, ...], object]]


def _by_file(
    subject: Subject, rules: list[Rule], store: cache.Cache, articles: str
) -> dict[str, tuple[Problem, ...]]:
    """The problems of rules that judge each file on its own (Rule.local): each file's are kept
    under its digest and the articles', and only the files not kept are judged again, a large
    plan's on every core."""
    loaded = subject.loaded
    codes = [rule.code for rule in rules]
    read = [rule.context(subject) if rule.context else b"" for rule in rules]  # of the rest
    keys = [cache.digest("file-rules", k, articles, *codes, *read) for k in loaded.file_keys]
    if len(keys) != len(loaded.files):
        return {}  # no digest of each file (not read from disk): judged as a whole
    kept: list[dict[str, tuple[Problem, ...]] | None] = [store.get("file-rules", k) for k in keys]
    missing = [f for f, found in zip(loaded.files, kept, strict=True) if found is None]

    def judge_file(f: LoadedFile) -> _Judged:
        """A file's problems by rule (None when a problem is not the file's own: the rules are
        then not local after all), and the mentions of the articles and the calendars it had
        worked out (a worker's, for this process to take: the feeds need the same holidays)."""
        part = Subject(LoadedPlan(loaded.root, (f,), loaded.derived), subject.library, whole=loaded)
        judged: dict[str, tuple[Problem, ...]] = {}
        for rule in rules:
            judged[rule.code] = found = tuple(rule.find(part))
            if any(p.file != f.name for p in found):
                return None, subject.library.scanned(), calendars.fresh()
        return judged, subject.library.scanned(), calendars.fresh()

    size = sum(len(f.text) for f in missing)
    if size >= workers.MIN_WORK and any(rule.recogniser for rule in rules):
        # The articles the files cite, scanned first on every core, each once: the workers that
        # judge the files inherit them scanned (judging the 10,000-event plan's files, each of
        # the two had scanned most of its 2,000 articles, 0.5 s of work done twice).
        cited = LoadedPlan(loaded.root, tuple(missing), loaded.derived)
        subject.library.scan(source for _, _, _, source in cited.sources())
        subject.library.scanned()  # given: the workers do not hand these back
    calendars.fresh()  # what this process has worked out already: not handed back either
    made = iter(workers.spread(judge_file, missing, size))
    for i, found in enumerate(kept):
        if found is None:
            judged, mentions, worked_out = next(made).value
            subject.library.learn(mentions)
            calendars.recall(worked_out)
            if judged is None:
                return {}
            kept[i] = judged
            store.put("file-rules", keys[i], judged)
    return {code: tuple(p for found in kept if found for p in found[code]) for code in codes}


def run_rules(
    subject: Subject, *, scope: Scope | None = None, recogniser: bool = True
) -> list[Problem]:
    """Every rule's problems (waived findings left out), sorted, each with its severity."""
    return judge(subject, scope=scope, recogniser=recogniser)[0]


_CALENDARS = "public holidays, breaks, days off, Ramadan"  # the code's version is in every key


@contextlib.contextmanager
def _calendars_kept(store: cache.Cache) -> Iterator[None]:
    """The calendars' answers read from the plan's cache, and what was worked out meanwhile
    kept there (they are the installed `holidays` and `hijridate` alone, whose names and
    versions are in the cache's version)."""
    found = store.get("calendars", _CALENDARS) if store.enabled else None
    kept = found if isinstance(found, dict) else {}
    calendars.recall(kept)
    try:
        yield
    finally:
        now = calendars.worked_out()
        if store.enabled and len(now) != len(kept):  # more than the cache holds
            store.put("calendars", _CALENDARS, now)


def check_plan(root: Path, *, recogniser: bool = True, as_of: dt.date | None = None) -> Checked:
    """Load the plan under `root` and run the rules (those that depend on the day, as of `as_of`).

    When a file does not even load, PlanError lists its problems with those the plan rules find
    in the files that did load, so one pass shows everything that can be known.
    """
    with _calendars_kept(cache.for_root(root)):
        loaded, problems = read_files(root)
        library = Library(root)
        if problems:
            more = run_rules(Subject(loaded, library), scope="plan", recogniser=False)
            said = {(p.file, p.line, p.column) for p in problems}  # a forbidden character, say
            raise PlanError(
                [*problems, *(p for p in more if (p.file, p.line, p.column) not in said)]
            )
        found, waived = judge(Subject(loaded, library, as_of), recogniser=recogniser)
    return Checked(loaded, library, tuple(found), tuple(waived))


def passing(
    root: Path,
    *,
    scope: Scope | None = None,
    recogniser: bool = True,
    as_of: dt.date | None = None,
    strict: bool = False,
    planning: bool = True,
) -> Checked:
    """The checked plan, or PlanError listing every error (of rules of `scope` only, if given),
    with the warnings too; `strict` makes a warning fail as an error does, `planning=False`
    lets planning findings through (an edit records facts; `check` judges them)."""
    checked = check_plan(root, recogniser=recogniser, as_of=as_of)
    failing = checked.errors(scope)
    if strict:
        failing = [p for p in checked.problems if scope in (None, scope_of(p))]
    if not planning:
        failing = [p for p in failing if scope_of(p) != "planning"]
    if failing:
        # Every problem of the scope, so the warnings are seen beside the errors that fail it.
        raise PlanError(p for p in checked.problems if scope in (None, scope_of(p)))
    return checked
