"""Source articles: read safely from `seeds/` (or any named file), each one Article, with the
words the plan quotes found in it one way.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..disk import workers
from ..disk.cache import Cache, Kept, digest, folders_digest
from ..disk.files import list_names, read_inside
from ..errors import ChairplanError, UnsafePath, char_name
from ..model import Source
from .mentions import (
    HEADER,
    Anchor,
    Mention,
    Unresolved,
    detect_language,
    publication_anchor,
    read_mentions,
)

__all__ = [
    "ARTICLES_FOLDER",
    "DOCUMENTS_FOLDER",
    "Article",
    "Library",
    "Mentions",
    "keep_read",
    "mentions_near_quote",
    "normalise",
    "read_text_file",
]

ARTICLES_FOLDER = "seeds"
DOCUMENTS_FOLDER = "documents"  # internal documents: notes verbales, e-mails (see audiences.py)
MAX_ARTICLE_BYTES = 2 * 1_048_576
# Scanning a character of an article for date mentions costs about four times what loading a byte
# of YAML does: the articles' work, in workers.MIN_WORK's unit (2,000 articles, 1.6 MB, take 0.6 s
# in one process and 0.4 s on two cores).
SCAN_WEIGHT = 4
NO_DATE_NOTE = (
    "no publication date (no ' date YYYY-MM-DD' first line, no page stamp); "
    "relative dates such as 'on Wednesday' or 'this year' are not resolved"
)

# Each curly quote and its straight form. str.replace for each one found, rather than one
# str.translate: translate looks every character of a Vietnamese text up in its table, and
# normalising the 10,000-event plan's 2,000 articles and 28,000 quotes took 0.33 s instead of 0.05.
_QUOTES = (("‘", "'"), ("’", "'"), ("ʼ", "'"), ("“", '"'), ("”", '"'), ("„", '"'))
# A sentence ends at . ! ? or … before a space, or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n")
_COMBINING = re.compile("[\u0300-\u036f]")
_LONG_SPACE = re.compile(r"\s{2,}")
# The offset in the text of each character of its normal form.
Offsets = Callable[[int], int]
# What a reader of an article cannot see, and what can make its text read other than it is:
# controls (but tab and line ends), zero-width characters, bidi marks, overrides and isolates, a
# BOM inside the text. An article keeps them, as published; a quote never matches across one (the
# plan's own text may not hold them), and `hidden_in` says which stands in a quote's way.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)


def normalise(text: str) -> str:
    """NFC, straight quotes, single spaces: the form in which quotes are compared. (str.split()
    splits at exactly the characters the regular expression \\s matches: str.isspace's.)"""
    return " ".join(_straight(unicodedata.normalize("NFC", text)).split())


def _straight(text: str) -> str:
    """The text with its curly quotes straight."""
    for curly, straight in _QUOTES:
        if curly in text:
            text = text.replace(curly, straight)
    return text


@dataclass(frozen=True)
class Article:
    """One article: its name (as cited in the plan), text, publication date and language."""

    name: str
    text: str

    @cached_property
    def anchor(self) -> Anchor:
        """What the article says of its publication date: the day, or only its month or year."""
        return publication_anchor(self.text)

    @property
    def published(self) -> dt.date | None:
        return self.anchor.date

    @property
    def note(self) -> str | None:
        """Why the article is less useful than it could be, or None."""
        return NO_DATE_NOTE if self.anchor.year is None else None

    @cached_property
    def language(self) -> str:
        return detect_language(self.text)

    @cached_property
    def _read(self) -> tuple[list[Mention], list[Unresolved]]:
        return read_mentions(self.text, self.anchor)

    @property
    def mentions(self) -> list[Mention]:
        return self._read[0]

    @property
    def unresolved(self) -> list[Unresolved]:
        """The relative dates the publication date, as far as the article gives it, cannot place."""
        return self._read[1]

    @cached_property
    def normal(self) -> str:
        """The text in the form quotes are compared in (see `normalise`)."""
        return normalise(self.text)

    def contains(self, quote: str) -> bool:
        """True when the quoted words are in the article (spacing and curly quotes aside)."""
        return normalise(quote) in self.normal

    def quote_span(self, quote: str) -> tuple[int, int] | None:
        """Where the quoted words stand in the text, as character offsets [start, end)."""
        wanted = normalise(quote)
        found = self.normal.find(wanted) if wanted else -1
        if found < 0:
            return None
        return self._offset(found), self._offset(found + len(wanted) - 1) + 1

    @cached_property
    def _visible(self) -> tuple[Article, list[int]]:
        """The article without its invisible characters, and where each character left came from."""
        kept: list[int] = []
        at = 0
        for found in INVISIBLE.finditer(self.text):
            kept += range(at, found.start())
            at = found.end()
        kept += range(at, len(self.text))
        return Article(self.name, "".join(self.text[i] for i in kept)), kept

    def hidden_in(self, quote: str) -> tuple[str, int, int] | None:
        """When `quote` is not in the text but would be without its invisible characters: the
        first of them where it would match, by code point and name, with its line and column.
        (The caller has found the quote missing.)"""
        if not INVISIBLE.search(self.text):
            return None
        bare, kept = self._visible
        span = bare.quote_span(quote)
        if span is None:
            return None
        found = INVISIBLE.search(self.text, kept[span[0]], kept[span[1] - 1])
        if found is None:
            return None
        return (char_name(found.group()), *self.position(found.start()))

    @cached_property
    def _offset(self) -> Offsets:
        """The offset in the text of each character of `normal`; made only when a span is asked."""
        return _normal_with_offsets(self.text)[1]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1

    def sentence_span(self, start: int, end: int) -> tuple[int, int]:
        """The sentence (or line) around the span [start, end)."""
        header = HEADER.match(self.text)  # the " date 2026-03-11" line is no part of a sentence
        first = header.end() if header and header.end() <= start else 0
        for stop in _SENTENCE_END.finditer(self.text, first, start):
            first = stop.end()
        after = _SENTENCE_END.search(self.text, end)
        first += len(self.text[first:start]) - len(self.text[first:start].lstrip())
        return first, after.start() if after else len(self.text.rstrip())

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions overlapping [start, end), names excluded."""
        return [
            m
            for m in self.mentions
            if not m.in_name and m.start < end and start < m.start + len(m.text)
        ]


Mentions = dict[tuple[str, str], tuple[list[Mention], list[Unresolved]]]  # by name and digest

# The articles the last library of each plan read, by plan folder, then by folder and name, with
# the bytes each was made of: a process that checks a plan again (`serve`, after an edit) takes an
# article whose bytes are the same as it was, its normal form and mentions made already. Only the
# last library's are held (an article deleted or no longer cited goes), and only once keep_read()
# asked.
Read = dict[tuple[str, str], tuple[bytes, Article]]  # by folder and name: the bytes, the article
_KEPT: Kept[str, Read] = Kept()


def keep_read(on: bool = True) -> None:
    """Keep (or stop keeping) the articles read, for the next check of the plan in this process."""
    _KEPT.keep(on)


@dataclass
class Library:
    """The articles folder of a plan (and its internal documents); each file is read at most
    once."""

    root: Path
    _articles: dict[tuple[str, str], Article] = field(default_factory=dict)
    _listed: dict[str, frozenset[str]] = field(default_factory=dict)
    # The mentions found in the articles before, by article name and digest, from the cache.
    _known: Mentions = field(default_factory=dict)
    # The articles scanned() has given already, and the mentions learn() was given (a worker's).
    _given: set[tuple[str, str]] = field(default_factory=set)
    _learned: Mentions = field(default_factory=dict)
    _recalled: Mentions = field(default_factory=dict)  # what recall_mentions read

    @property
    def folder(self) -> Path:
        return self.root / ARTICLES_FOLDER

    def article(self, name: str, folder: str = ARTICLES_FOLDER) -> Article:
        """The article cited as `name` (or the document, in the documents folder); raises
        UnsafePath with the reason it cannot be used."""
        key = (folder, name)
        if key not in self._articles:
            if folder not in self._listed:  # listed once: thousands of articles share one folder
                self._listed[folder] = frozenset(list_names(self.root / folder))
            data = read_inside(
                self.root / folder,
                name,
                limit=MAX_ARTICLE_BYTES,
                folder=folder,
                listed=self._listed[folder],
            )
            before, now = self._kept
            kept = before.get(key)
            if kept is not None and kept[0] == data:  # the same bytes: the same article
                made = kept[1]
            else:
                made = Article(name, _decode(data, f"{folder}/{name}"))
            if now is not None:
                now[key] = (data, made)
            known = self._known.get((name, digest(data))) if "_read" not in made.__dict__ else None
            if known is not None:  # scanned before: the cached property `_read` is set
                made.__dict__["_read"] = known
            self._articles[key] = made
        return self._articles[key]

    @cached_property
    def _kept(self) -> tuple[Read, Read | None]:
        """The articles the plan's last library read (under keep_read), and where this one's go
        in their place (None when nothing is kept)."""
        if not _KEPT.on:
            return {}, None
        place = str(self.root.absolute())
        before = _KEPT.get(place, {})
        now = _KEPT[place] = {}
        return before, now

    def scan(self, sources: Iterable[Source]) -> None:
        """Find the mentions of every article these sources cite that has none found yet, on
        every core when there are enough of them (an unreadable one is left to its rule)."""
        waiting: dict[tuple[str, str], Article] = {}
        for source in sources:
            try:
                article = self.cited(source)
            except UnsafePath:
                continue
            if "_read" not in article.__dict__:
                waiting[source.folder, source.name] = article
        jobs = list(waiting.values())
        size = SCAN_WEIGHT * sum(len(a.text) for a in jobs)
        for article, found in zip(jobs, workers.spread(_read, jobs, size), strict=True):
            article.__dict__["_read"] = found.value

    def recall_mentions(self, store: Cache) -> None:
        """Take the mentions found before in each article (as its bytes were) from the cache."""
        self._recalled = store.get("mentions", str(self.root.absolute())) or {}
        self._known = dict(self._recalled)

    def _scanned_here(self) -> Mentions:
        return {
            (a.name, digest(a.text.encode())): a.__dict__["_read"]
            for a in self._articles.values()
            if "_read" in a.__dict__
        }

    def scanned(self) -> Mentions:
        """The mentions of the articles scanned in this process that this has not given yet (a
        worker's, for its parent to learn)."""
        found: Mentions = {}
        for key, a in self._articles.items():
            if key not in self._given and "_read" in a.__dict__:
                self._given.add(key)
                found[a.name, digest(a.text.encode())] = a.__dict__["_read"]
        return found

    def learn(self, mentions: Mentions) -> None:
        """Take the mentions a worker found: kept with this library's own (keep_mentions), and
        not scanned again here."""
        self._learned.update(mentions)
        self._known.update(mentions)

    def keep_mentions(self, store: Cache) -> None:
        """Keep the mentions of every article scanned, if any was scanned anew (with those of
        articles not read this time)."""
        found = self._learned | self._scanned_here()
        if found.keys() - self._recalled.keys():
            read = {name for name, _ in found}
            kept = {k: v for k, v in self._recalled.items() if k[0] not in read}
            store.put("mentions", str(self.root.absolute()), kept | found)

    def fingerprint(self) -> str | None:
        """A digest of every file in the articles and documents folders (None when one is a
        link), so that what the rules found in the articles is kept while none changes."""
        return folders_digest(self.root, (ARTICLES_FOLDER, DOCUMENTS_FOLDER))

    def cited(self, source: Source) -> Article:
        """The article or document a source cites."""
        return self.article(source.name, source.folder)

    def names(self) -> list[str]:
        """Article file names (regular files directly in the folder), sorted."""
        if not self.folder.is_dir():
            return []
        return sorted(p.name for p in self.folder.iterdir() if p.is_file() and not p.is_symlink())

    def all(self) -> list[Article]:
        """Every article in the folder, sorted by name; an error when there are none."""
        names = self.names()
        if not names:
            raise ChairplanError(
                f"no articles in {self.folder}; put the source texts in {ARTICLES_FOLDER}/"
            )
        return [self.article(name) for name in names]


def _read(article: Article) -> tuple[list[Mention], list[Unresolved]]:
    return article._read


def mentions_near_quote(article: Article, quote: str) -> list[Mention]:
    """The mentions inside the quoted words, else the nearest one in the same sentence."""
    span = article.quote_span(quote)
    if span is None:
        return []
    inside = article.mentions_in(*span)
    if inside:
        return inside
    around = article.mentions_in(*article.sentence_span(*span))
    if not around:
        return []
    return [
        min(around, key=lambda m: min(abs(m.start - span[1]), abs(span[0] - m.start - len(m.text))))
    ]


def read_text_file(path: Path) -> Article:
    """Any UTF-8 text file named on the command line, opened as carefully as a plan's article."""
    if not path.exists() and not path.is_symlink():
        raise ChairplanError(f"{path}: no such file; give the path of a UTF-8 text file")
    try:
        data = read_inside(path.parent, path.name, limit=MAX_ARTICLE_BYTES, folder=str(path.parent))
    except UnsafePath as exc:
        raise UnsafePath(f"{path}: {exc}") from None
    return Article(str(path), _decode(data, str(path)))


def _decode(data: bytes, label: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnsafePath(
            f"{label} is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); save it as UTF-8"
        ) from None


def _normal_with_offsets(text: str) -> tuple[str, Offsets]:
    """`normalise(text)` and, for each of its characters, the offset it came from in `text`."""
    if not _COMBINING.search(text) and unicodedata.is_normalized("NFC", text):
        return _simple_normal_with_offsets(text)
    return _general_normal_with_offsets(text)


def _general_normal_with_offsets(text: str) -> tuple[str, Offsets]:
    """The same for any text, character by character."""
    chars: list[str] = []
    offsets: list[int] = []
    for piece in re.finditer(r"\s+|.[\u0300-\u036f]*", text, re.DOTALL):
        if piece.group().isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                offsets.append(piece.start())
            continue
        for ch in normalise(piece.group()) or piece.group():
            chars.append(ch)
            offsets.append(piece.start())
    if chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    return "".join(chars), offsets.__getitem__


def _simple_normal_with_offsets(text: str) -> tuple[str, Offsets]:
    """The same for NFC text with no combining marks, where every character stands for itself.

    Then NFC changes no single character, so only the quotes are translated and each run of white
    space between words becomes one space at the run's offset. A character's offset is its index
    plus a shift that grows only after leading space and after each run longer than one character,
    so only those steps are kept: no list of one offset per character.
    """
    lead = len(text) - len(text.lstrip())
    steps, shifts = [0], [lead]  # from normal index steps[k] on, the offset is index + shifts[k]
    for run in _LONG_SPACE.finditer(text, lead):
        if run.end() == len(text):
            break  # trailing space is dropped
        steps.append(run.start() - shifts[-1] + 1)
        shifts.append(shifts[-1] + len(run.group()) - 1)

    def offset(index: int) -> int:
        return index + shifts[bisect_right(steps, index) - 1]

    normal = " ".join(text.split())
    return _straight(normal), offset
