"""The wording of changes (chairplan/changes.py) in English and Vietnamese: `diff` as text and
Markdown, `changes.md`, the page's "What changed" section and `changes.atom`."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from ..changes import EMPTY, Change, ChangeLog, Code, Comparison, HistoryEntry, Version, date_window
from ..dates import Precision, Window
from ..model import Language, Place, Text, Timed
from .checklist import md_escape
from .labels import status_word, window_label

ATOM = "changes.atom"

__all__ = [
    "ATOM",
    "HEADINGS",
    "ChangeGroup",
    "Line",
    "atom_feed",
    "changes_markdown",
    "changes_text",
    "comparison_words",
    "describe",
    "grouped",
    "log_markdown",
    "note_words",
    "since_words",
]

HEADINGS: dict[Language, dict[Code, str]] = {
    "en": {
        "added": "Added",
        "removed": "Removed",
        "moved": "Moved",
        "firmed": "Firmed up",
        "loosened": "Less certain",
        "dated": "Dated",
        "undated": "No longer dated",
        "status": "Status changed",
        "retitled": "Retitled",
        "place": "Place changed",
        "level": "Level changed",
        "owner": "Owner changed",
        "sources": "Sources changed",
        "details": "Other changes",
    },
    "vi": {
        "added": "Thêm mới",
        "removed": "Đã xóa",
        "moved": "Đổi ngày",
        "firmed": "Đã chốt ngày",
        "loosened": "Ngày kém chắc chắn hơn",
        "dated": "Có ngày",
        "undated": "Không còn ngày",
        "status": "Đổi trạng thái",
        "retitled": "Đổi tên",
        "place": "Đổi địa điểm",
        "level": "Đổi cấp",
        "owner": "Đổi người phụ trách",
        "sources": "Đổi nguồn",
        "details": "Thay đổi khác",
    },
}
_KINDS: dict[Language, dict[str, str]] = {
    "en": {},
    "vi": {
        "event": "sự kiện",
        "deliverable": "kết quả",
        "priority": "ưu tiên",
        "body": "tổ chức",
        "chairmanship": "vai trò",
        "resource": "nguồn lực",
        "blackout": "thời gian tránh",
    },
}
_WORDS: dict[Language, dict[str, str]] = {
    "en": {
        "working": "the working tree",
        "empty": "an empty plan",
        "from": "Changes from {old} to {new}",
        "for": ", for {audience}",
        "none": "no changes",
        "count": "{n} change",
        "counts": "{n} changes",
        "later": "{n} days later",
        "later1": "1 day later",
        "earlier": "{n} days earlier",
        "earlier1": "1 day earlier",
        "same_day": "same day, new time",
        "ends_later": "same start, ends {n} days later",
        "ends_later1": "same start, ends 1 day later",
        "ends_earlier": "same start, ends {n} days earlier",
        "ends_earlier1": "same start, ends 1 day earlier",
        "anchor": "counted from {anchor}, which moved",
        "no_date": "no date",
        "no_place": "no place",
        "none_value": "none",
        "reordered": "new order",
        "added_src": "added {names}",
        "removed_src": "removed {names}",
        "counted": "now counted as {formula}",
        "written": "now written as a date",
        "plan_wide": "The whole plan",
        "since": "What changed since {day}",
        "feed_title": "chairplan: what changed in the plan",
        "note_no-git": "The plan is not in git, so there is no history to show.",
        "note_no-commits": "No commit holds the plan yet, so there is no history to show.",
        "note_shallow": "This clone of the plan is shallow and does not reach back that far: "
        "fetch the whole history (git fetch --unshallow) before building.",
        "note_unloadable": "The plan {where} does not load, so what changed cannot be said.",
        "note_git-error": "git could not read the plan's history: {where}",
        "at": "at",
        "in_working": "in the working tree",
        "did_not_load": "The plan at {rev} did not load ({n} problems), so it is not compared.",
    },
    "vi": {
        "working": "bản đang sửa",
        "empty": "kế hoạch trống",
        "from": "Thay đổi từ {old} đến {new}",
        "for": ", dành cho {audience}",
        "none": "không có thay đổi",
        "count": "{n} thay đổi",
        "counts": "{n} thay đổi",
        "later": "muộn hơn {n} ngày",
        "later1": "muộn hơn 1 ngày",
        "earlier": "sớm hơn {n} ngày",
        "earlier1": "sớm hơn 1 ngày",
        "same_day": "cùng ngày, đổi giờ",
        "ends_later": "cùng ngày bắt đầu, kết thúc muộn hơn {n} ngày",
        "ends_later1": "cùng ngày bắt đầu, kết thúc muộn hơn 1 ngày",
        "ends_earlier": "cùng ngày bắt đầu, kết thúc sớm hơn {n} ngày",
        "ends_earlier1": "cùng ngày bắt đầu, kết thúc sớm hơn 1 ngày",
        "anchor": "tính từ {anchor}, đã đổi ngày",
        "no_date": "chưa có ngày",
        "no_place": "chưa có địa điểm",
        "none_value": "không có",
        "reordered": "đổi thứ tự",
        "added_src": "thêm {names}",
        "removed_src": "bỏ {names}",
        "counted": "nay tính theo {formula}",
        "written": "nay ghi thẳng ngày",
        "plan_wide": "Toàn bộ kế hoạch",
        "since": "Những thay đổi từ {day}",
        "feed_title": "chairplan: những thay đổi của kế hoạch",
        "note_no-git": "Kế hoạch chưa được quản lý bằng git nên chưa có lịch sử thay đổi.",
        "note_no-commits": "Chưa có commit nào chứa kế hoạch nên chưa có lịch sử thay đổi.",
        "note_shallow": "Bản sao kế hoạch này là bản nông (shallow), không có đủ lịch sử: "
        "hãy tải toàn bộ lịch sử (git fetch --unshallow) trước khi xuất bản.",
        "note_unloadable": "Kế hoạch {where} không tải được nên không thể cho biết thay đổi.",
        "note_git-error": "git không đọc được lịch sử của kế hoạch: {where}",
        "at": "tại",
        "in_working": "trong bản đang sửa",
        "did_not_load": "Kế hoạch tại {rev} không tải được ({n} lỗi) nên không được so sánh.",
    },
}


@dataclass(frozen=True)
class Line:
    """One change in words: whose (title, id, kind) and what happened to it."""

    title: str
    entry: str
    kind: str  # the kind of entry (event, deliverable…)
    kind_words: str  # the same, in the language of the line
    what: str


@dataclass(frozen=True)
class ChangeGroup:
    body: str  # the body's short name, or the whole plan's heading
    body_id: str  # "" for the whole plan
    kinds: tuple[tuple[str, tuple[Line, ...]], ...]  # heading, lines

    @property
    def count(self) -> int:
        return sum(len(lines) for _, lines in self.kinds)


def count_words(n: int, lang: Language) -> str:
    return _WORDS[lang]["count" if n == 1 else "counts"].format(n=n)


def version_words(version: Version, lang: Language) -> str:
    """'86a745a (23 November 2026)' or 'the working tree'."""
    if version.label == EMPTY:
        return _WORDS[lang]["empty"]
    if version.commit is None or version.time is None:
        return _WORDS[lang]["working"]
    day = version.time.date()
    return f"{version.label} ({window_label(Window(day, day, Precision.DAY), lang)})"


def _value(value: object, lang: Language, zone: bool = False) -> str:
    words = _WORDS[lang]
    if value is None:
        return words["none_value"]
    if isinstance(value, Timed):
        start = f"{window_label(value.window, lang)} {value.start:%H:%M}"
        said = f"{start}–{value.end:%H:%M}" if value.end else start
        return f"{said} {value.tz}" if zone and value.tz else said
    if isinstance(value, Window):
        return window_label(value, lang)
    if isinstance(value, Text):
        return f"“{value.in_lang(lang)}”"
    if isinstance(value, Place):
        return value.label(lang) or words["no_place"]
    return status_word(str(value), lang)


def _moved(change: Change, lang: Language) -> str:
    """'10–12 March 2026 → 17–19 March 2026, 7 days later', and why, when its anchor moved."""
    words = _WORDS[lang]
    old, new = change.old, change.new
    zones = isinstance(old, Timed) and isinstance(new, Timed) and old.tz != new.tz
    said = f"{_value(old, lang, zones)} → {_value(new, lang, zones)}"
    if change.code == "moved":
        said += f", {_shift(change, lang)}"
    if change.anchor:
        said += f"; {words['anchor'].format(anchor=change.anchor)}"
    return said


def _shift(change: Change, lang: Language) -> str:
    """How a moved date moved: by its start, else by its end, else in its time."""
    words = _WORDS[lang]
    before, after = date_window(change.old), date_window(change.new)
    n = change.days or 0
    if n == 0 and before and after and before.end != after.end:
        ends = (after.end - before.end).days
        key = ("ends_later" if ends > 0 else "ends_earlier") + ("1" if abs(ends) == 1 else "")
        return words[key].format(n=abs(ends))
    if n == 0:
        return words["same_day"]
    return words[("later" if n > 0 else "earlier") + ("1" if abs(n) == 1 else "")].format(n=abs(n))


def _retitled(change: Change, lang: Language) -> str:
    old, new = change.old, change.new
    assert isinstance(old, Text) and isinstance(new, Text)
    parts = []
    for code in ("en", "vi"):
        before, after = getattr(old, code), getattr(new, code)
        if before != after:
            parts.append(f"{code}: “{before or '—'}” → “{after or '—'}”")
    return "; ".join(parts)


_SHORT = 60  # a value this long or shorter is shown with its field; a longer one is only named


def _detail(change: Change, name: str, lang: Language) -> str:
    """'format: hybrid → in-person' for a short value, 'notes' for a long or structured one."""
    before, after = change.old.get(name), change.new.get(name)
    values = [v for v in (before, after) if v is not None]
    if all(isinstance(v, str) and len(v) <= _SHORT and "\n" not in v for v in values):
        none = _WORDS[lang]["none_value"]
        return f"{name}: {before or none} → {after or none}"
    if all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in values):
        gone = [x for x in before or () if x not in (after or ())]
        came = [x for x in after or () if x not in (before or ())]
        parts = [f"+ {', '.join(came)}"] * bool(came) + [f"− {', '.join(gone)}"] * bool(gone)
        return f"{name}: {'; '.join(parts)}" if parts else f"{name}: {_WORDS[lang]['reordered']}"
    return name


def describe(change: Change, lang: Language = "en") -> str:
    """What happened to the entry, in words (its title and id are said by the caller)."""
    words = _WORDS[lang]
    match change.code:
        case "added":
            return _value(change.new, lang) if change.new is not None else ""
        case "removed":
            return _value(change.old, lang) if change.old is not None else ""
        case "moved" | "firmed" | "loosened" | "dated" | "undated":
            return _moved(change, lang)
        case "retitled":
            return _retitled(change, lang)
        case "sources":
            parts = []
            if change.new:
                parts.append(words["added_src"].format(names=", ".join(change.new)))
            if change.old:
                parts.append(words["removed_src"].format(names=", ".join(change.old)))
            return "; ".join(parts)
        case "details" if change.fields in (("when",), ("due",)):
            formula = change.new
            return words["counted"].format(formula=formula) if formula else words["written"]
        case "details":
            return "; ".join(_detail(change, name, lang) for name in change.fields)
    return f"{_value(change.old, lang)} → {_value(change.new, lang)}"


def grouped(
    changes: Iterable[Change], bodies: Mapping[str, str], lang: Language = "en"
) -> list[ChangeGroup]:
    """Changes by body (in the order `compare` sorts them), then by kind of change."""
    groups: dict[str, dict[str, list[Line]]] = {}
    for c in changes:
        kind = _KINDS[lang].get(c.kind, c.kind)
        line = Line(c.title.in_lang(lang), c.entry, c.kind, kind, describe(c, lang))
        groups.setdefault(c.body, {}).setdefault(HEADINGS[lang][c.code], []).append(line)
    return [
        ChangeGroup(
            bodies.get(body, body) if body else _WORDS[lang]["plan_wide"],
            body,
            tuple((k, tuple(v)) for k, v in kinds.items()),
        )
        for body, kinds in groups.items()
    ]


def _header(comparison: Comparison, lang: Language) -> str:
    old, new = (version_words(v, lang) for v in (comparison.old, comparison.new))
    said = _WORDS[lang]["from"].format(old=old, new=new)
    who = comparison.audience
    return f"{said}{_WORDS[lang]['for'].format(audience=who)}" if who else said


def _tag(line: Line) -> str:
    return line.entry if line.kind == "event" else f"{line.kind_words} {line.entry}"


def comparison_words(comparison: Comparison, lang: Language) -> str:
    """'Changes from 86a745a (23 November 2026) to the working tree: 25 changes'."""
    n = len(comparison.changes)
    said = count_words(n, lang) if n else _WORDS[lang]["none"]
    return f"{_header(comparison, lang)}: {said}"


def changes_text(comparison: Comparison, lang: Language = "en") -> str:
    """`chairplan diff` as text: a heading per body, one per kind of change, a line per change."""
    groups = grouped(comparison.changes, comparison.bodies, lang)
    lines = [comparison_words(comparison, lang)]
    for group in groups:
        lines += ["", f"{group.body} ({count_words(group.count, lang)})"]
        for heading, items in group.kinds:
            lines.append(f"  {heading}")
            lines += [f"    {i.title} [{_tag(i)}]{': ' + i.what if i.what else ''}" for i in items]
    return "\n".join(lines) + "\n"


def markdown_sections(
    groups: Sequence[ChangeGroup], level: int = 2, lang: Language = "en"
) -> list[str]:
    """A heading per body (at `level`), a bold line per kind, a bullet per change."""
    lines: list[str] = []
    for group in groups:
        lines += [f"{'#' * level} {md_escape(group.body)}", ""]
        for heading, items in group.kinds:
            lines += [f"**{heading}**", ""]
            for i in items:
                what = f": {md_escape(i.what)}" if i.what else ""
                lines.append(f"- {md_escape(i.title)} (`{_tag(i)}`){what}")
            lines.append("")
    return lines


def changes_markdown(comparison: Comparison, lang: Language = "en") -> str:
    """`chairplan diff --format markdown` and `changes.md`: to paste into an e-mail briefing."""
    groups = grouped(comparison.changes, comparison.bodies, lang)
    n = len(comparison.changes)
    lines = [f"# {md_escape(_header(comparison, lang))}", ""]
    lines.append(f"{count_words(n, lang) if n else _WORDS[lang]['none'].capitalize()}.")
    lines.append("")
    lines += markdown_sections(groups, 2, lang)
    return "\n".join(lines).rstrip("\n") + "\n"


def _entry_id(domain: str, sha: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'chairplan:{domain}:commit:{sha}')}"


def _atom_time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _entry_title(entry: HistoryEntry, lang: Language) -> str:
    c = entry.comparison
    day = version_words(c.new, lang)
    if entry.problems:
        return f"{day}: {_WORDS[lang]['did_not_load'].format(rev=c.new.label, n=entry.problems)}"
    return f"{day}: {count_words(len(c.changes), lang)}"


def _entry_html(entry: HistoryEntry, lang: Language) -> str:
    c = entry.comparison
    if entry.problems:
        return f"<p>{xml_escape(_WORDS[lang]['did_not_load'].format(rev=c.new.label, n=entry.problems))}</p>"
    parts = [f"<p>{xml_escape(_header(c, lang))}</p>"]
    for group in grouped(c.changes, c.bodies, lang):
        parts.append(f"<h2>{xml_escape(group.body)}</h2>")
        for heading, items in group.kinds:
            parts.append(f"<h3>{xml_escape(heading)}</h3><ul>")
            for i in items:
                what = f": {xml_escape(i.what)}" if i.what else ""
                parts.append(
                    f"<li>{xml_escape(i.title)} (<code>{xml_escape(_tag(i))}</code>){what}</li>"
                )
            parts.append("</ul>")
    return "".join(parts)


def atom_feed(
    entries: Sequence[HistoryEntry],
    *,
    domain: str,
    base_url: str | None = None,
    lang: Language = "en",
    note: str | None = None,
    audience: str | None = None,
) -> bytes:
    """`changes.atom` (RFC 4287): one entry per commit that changed the plan, newest first, each
    with an id that depends only on the domain and the commit, so readers never repeat one.
    Commit messages are not published: only the changes computed from the plan are."""
    times = [e.comparison.new.time for e in entries if e.comparison.new.time]
    stamp = _atom_time(max(times, default=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)))
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">',
        f"<id>{_entry_id(domain, 'changes')}</id>",
        f"<title>{xml_escape(_WORDS[lang]['feed_title'])}{f' ({xml_escape(audience)})' if audience else ''}</title>",
        *([f"<subtitle>{xml_escape(note)}</subtitle>"] if note else []),
        f"<updated>{stamp}</updated>",
        "<author><name>chairplan</name></author>",
        "<generator>chairplan</generator>",
    ]
    if base_url:
        page = base_url if base_url.endswith("/") else f"{base_url}/"
        out.append(f'<link rel="self" type="application/atom+xml" href={quoteattr(page + ATOM)}/>')
        out.append(f'<link rel="alternate" type="text/html" href={quoteattr(page)}/>')
    for e in entries:
        c = e.comparison
        assert c.new.commit is not None and c.new.time is not None
        out += [
            "<entry>",
            f"<id>{_entry_id(domain, c.new.commit)}</id>",
            f"<title>{xml_escape(_entry_title(e, lang))}</title>",
            f"<updated>{_atom_time(c.new.time)}</updated>",
            f'<content type="html">{xml_escape(_entry_html(e, lang))}</content>',
            "</entry>",
        ]
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode()


def since_words(log: ChangeLog, lang: Language) -> str:
    """'What changed since 25 November 2026' (the heading of changes.md and the page's section)."""
    day = log.since.date()
    return _WORDS[lang]["since"].format(day=window_label(Window(day, day, Precision.DAY), lang))


def note_words(log: ChangeLog, lang: Language) -> str:
    """Why the log cannot say what changed, in words."""
    if log.note == "git-error":
        where = log.where or ""
    else:
        where = f"{_WORDS[lang]['at']} {log.where}" if log.where else _WORDS[lang]["in_working"]
    return _WORDS[lang][f"note_{log.note}"].format(where=where)


def log_markdown(log: ChangeLog, lang: Language = "en") -> str:
    """changes.md: what changed since the log's moment, or why that cannot be said."""
    lines = [f"# {md_escape(since_words(log, lang))}", ""]
    if log.recent is None:
        lines.append(md_escape(note_words(log, lang)))
        return "\n".join(lines) + "\n"
    c = log.recent
    lines.append(f"{md_escape(comparison_words(c, lang))}.")
    lines.append("")
    lines += markdown_sections(grouped(c.changes, c.bodies, lang), 2, lang)
    return "\n".join(lines).rstrip("\n") + "\n"
