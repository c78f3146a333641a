"""Coverage: the date mentions in the articles that no entry of the plan cites, and YAML drafts for them."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..dates import Precision, Window, parse_window
from ..model import Text
from ..plan.load import LoadedPlan
from .articles import Article, Library
from .mentions import Mention

__all__ = [
    "QUOTE_LENGTH",
    "TITLE_LENGTH",
    "Draft",
    "draft_events",
    "no_drafts_message",
    "uncovered_mentions",
]

TITLE_LENGTH = 120
QUOTE_LENGTH = 300  # the model's limit for one-line text
# Words that say little in an id: "the-in-of-2026" is no name for an event.
_FILLER = frozenset(
    {"a", "an", "the", "in", "on", "at", "of", "to", "for", "from", "by", "and", "or", "with",
     "its", "their", "his", "her", "this", "that", "is", "are", "was", "were", "will", "be", "has",
     "have", "had", "held", "said", "during", "within", "trong", "của", "và", "các", "những", "là",
     "được", "đã", "sẽ", "viet", "nam", "vietnam", "vietnamese", "minister", "ministers",
     "meeting", "meetings"}
)  # fmt: skip
_CLAUSE_END = re.compile(r"[,;:—–]\s+|\s+[—–]\s+")
# What takes place: a sentence that names one of these around a date may announce an event.
_OCCASIONS = re.compile(
    r"\b(meetings?|summits?|forums?|conferences?|official visits?|state visits?|working visits?|"
    r"visit to|(?:will|to|would|shall) (?:meet|visit|convene|host)|met|meets? in|visited|"
    r"dialogues?|talks|ceremon(?:y|ies)|sessions?|workshops?|seminars?|retreats?|congress|"
    r"(?:trade|spring|book|job) fairs?|expos?|exhibitions?|festivals?|negotiations?|SOM\d*|AMM|"
    r"deadlines?|(?:takes?|took) place|(?:is|was|will be) held|convene[sd]?)\b"
    r"|(hội nghị|hội thảo|diễn đàn|cuộc họp|phiên họp|chuyến thăm|thăm chính thức|sẽ thăm|đến thăm|"
    r"đại hội|hội chợ|triển lãm|đối thoại|tọa đàm|khai mạc|diễn ra|tổ chức|ký kết)",
    re.IGNORECASE,
)
_NEAR = 40  # characters either side of a year or half that must name what takes place
# A sentence that reports what happened: a past date there is an event that took place.
_HAPPENED = re.compile(
    r"\b(took place|was held|were held|met|visited|opened|convened|attended|signed|held|"
    r"had (?:meetings?|talks))\b"
    r"|(đã diễn ra|đã tổ chức|đã gặp|đã khai mạc|đã có cuộc)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Draft:
    """A new event drafted from one uncovered mention, and why it was drafted."""

    id: str
    title: str
    when: str
    status: str
    article: str
    quote: str
    why: str = ""

    def fields(self, body: str) -> dict[str, Any]:
        """The draft as the plain data its YAML item reads back as, keys in the order written."""
        source = {"article": self.article, "quote": self.quote, "supports": ["title", "when"]}
        return {"id": self.id, "title": self.title, "when": self.when, "body": body,
                "status": self.status, "sources": [source]}  # fmt: skip


def uncovered_mentions(loaded: LoadedPlan, library: Library) -> list[tuple[Article, Mention]]:
    """Mentions (names excluded) that lie in no quoted span of the plan, article by article."""
    spans: dict[str, list[tuple[int, int]]] = {}
    articles = {a.name: a for a in library.all()}
    for _, _, _, source in loaded.sources():
        if source.article is None:
            continue  # an internal document: no article of seeds/
        article = articles.get(source.article)
        span = article.quote_span(source.quote) if article else None
        if span:
            spans.setdefault(source.article, []).append(span)
    return [
        (article, m)
        for article in articles.values()
        for m in article.mentions
        if not m.in_name
        and not any(
            s < m.start + len(m.text) and m.start < e for s, e in spans.get(article.name, ())
        )
    ]


def draft_events(loaded: LoadedPlan, library: Library, article_name: str) -> list[Draft]:
    """One event per uncovered mention of the article that announces something taking place,
    with an id not yet in the plan; see `_reason` for what is left out."""
    article = library.article(article_name)
    taken = {entry.id for _, _, entry in loaded.entries()}
    events: list[Any] = list(loaded.plan.events)
    names = {w for b in loaded.plan.bodies for w in _words(f"{b.short} {b.id}")}
    drafts = []
    for found, m in uncovered_mentions(loaded, library):
        if found.name != article.name:
            continue
        first, last = found.sentence_span(m.start, m.start + len(m.text))
        sentence = " ".join(found.text[first:last].split())
        quote = _clause(found.text, first, last, m)
        window = parse_window(m.value.replace("/", ".."))
        near = found.text[max(first, m.start - _NEAR) : min(last, m.start + len(m.text) + _NEAR)]
        said = quote if window.precision is Precision.DAY else near
        why = _reason(said, window, found.published)
        if why is None or _covered(window, sentence, events, names):
            continue
        happened = bool(_HAPPENED.search(quote))
        past = found.published is not None and window.end <= found.published and happened
        drafts.append(
            Draft(
                id=_unique(_slug(sentence, m.value), taken),
                title=_trim(sentence, TITLE_LENGTH),
                when=str(window),
                status="held" if past else "planned" if window.is_firm else "tentative",
                article=article.name,
                quote=quote,
                why=f"{why}; the article says '{m.text}'",
            )
        )
        events.append(_Drafted(window, Text(en=drafts[-1].title)))  # its other mentions: covered
    return drafts


@dataclass(frozen=True)
class _Drafted:
    """A draft as `_covered` sees the plan's events: its days and its words."""

    window: Window
    title: Text


def _reason(quote: str, window: Window, published: dt.date | None) -> str | None:
    """Why a mention may be an event, or None: the words around it must name something that
    takes place (a meeting, a summit, a visit…), within one year: its clause for a date of days,
    the few words beside it for a month, quarter, half or year (such a date in a long sentence
    about a meeting is mostly a target or a term); a date before the article was published must
    be reported as having happened."""
    occasion = _OCCASIONS.search(quote)
    if occasion is None or window.end.year != window.start.year:
        return None
    named = f"names '{occasion.group(0).strip()}'"
    if published is not None and window.end <= published and _HAPPENED.search(quote):
        return f"{named}, reported as held"
    if published is not None and window.end < published:
        return None  # past, and not reported as having happened: a reference, not an event
    return named


def _covered(window: Window, sentence: str, events: list[Any], bodies: set[str]) -> bool:
    """An event of the plan on overlapping days whose title shares two words with the sentence,
    or a name (SOM1, AMM); or a draft already made of the same days sharing two words. The
    bodies' names tell nothing apart."""
    words = _words(sentence) - bodies
    for e in events:
        # A draft covers only a mention of the same days (a year-long draft is no event).
        same = e.window == window if isinstance(e, _Drafted) else e.window.overlaps(window)
        if same:
            shared = words & _words(f"{e.title.en or ''} {e.title.vi or ''}")
            named = not isinstance(e, _Drafted) and any(
                w.isupper() or not w.isalpha() for w in shared
            )
            if len(shared) >= 2 or named:
                return True
    return False


def _words(text: str) -> set[str]:
    """The words that tell events apart: no filler, no bare number; names (AMM, SOM1) as
    written."""
    found = set()
    for w in re.findall(r"[A-Za-z0-9]+", _ascii(text)):
        if w.isdigit():
            continue
        if (w.isupper() and len(w) >= 3) or not w.isalpha():
            found.add(w)
        elif w.lower() not in _FILLER and len(w) > 2:
            found.add(w.lower())
    return found


def _ascii(text: str) -> str:
    return "".join(
        c
        for c in unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
        if not unicodedata.combining(c)
    )


def _clause(text: str, first: int, last: int, m: Mention) -> str:
    """The sentence around the mention, or, when too long to quote, as many of its clauses
    around the mention as fit."""
    starts = [first] + [c.end() for c in _CLAUSE_END.finditer(text, first, last)]
    ends = [c.start() for c in _CLAUSE_END.finditer(text, first, last)] + [last]
    before = [s for s in starts if s <= m.start][::-1]
    after = [e for e in ends if e >= m.start + len(m.text)]
    i = j = 0
    while True:
        if i + 1 < len(before) and _fits(text, before[i + 1], after[j]):
            i += 1
        elif j + 1 < len(after) and _fits(text, before[i], after[j + 1]):
            j += 1
        else:
            break
    return _trim(" ".join(text[before[i] : after[j]].split()), QUOTE_LENGTH, ellipsis=False)


def _fits(text: str, start: int, end: int) -> bool:
    return len(" ".join(text[start:end].split())) <= QUOTE_LENGTH


def _trim(text: str, limit: int, *, ellipsis: bool = True) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…" if ellipsis else cut


def _slug(sentence: str, value: str) -> str:
    plain = _ascii(sentence)
    words = [w for w in re.findall(r"[a-z]+", plain.lower()) if w not in _FILLER and len(w) > 1]
    stamp = value.lower().replace("/", "-")
    return "-".join([*words[:5], stamp])[:64].strip("-")


def _unique(base: str, taken: set[str]) -> str:
    found, n = base, 2
    while found in taken:
        suffix = f"-{n}"
        found, n = base[: 64 - len(suffix)] + suffix, n + 1
    taken.add(found)
    return found


def no_drafts_message(article: str) -> str:
    return (
        f"no date mention of {article} announces an event the plan does not have (every other "
        "one is cited, covered by an event on those days, or names nothing that takes place); "
        "nothing to draft"
    )
