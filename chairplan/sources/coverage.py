"""Coverage: the date mentions in the articles that no entry of the plan cites, and YAML drafts for them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..dates import Precision, parse_window
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
     "được", "đã", "sẽ"}
)  # fmt: skip
_CLAUSE_END = re.compile(r"[,;:—–]\s+|\s+[—–]\s+")


@dataclass(frozen=True)
class Draft:
    """A new event drafted from one uncovered mention."""

    id: str
    title: str
    when: str
    status: str
    article: str
    quote: str

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
    """One event per uncovered mention of the article, with an id not yet in the plan."""
    article = library.article(article_name)
    taken = {entry.id for _, _, entry in loaded.entries()}
    drafts = []
    for found, m in uncovered_mentions(loaded, library):
        if found.name != article.name:
            continue
        first, last = found.sentence_span(m.start, m.start + len(m.text))
        sentence = " ".join(found.text[first:last].split())
        quote = _clause(found.text, first, last, m)
        window = parse_window(m.value.replace("/", ".."))
        drafts.append(
            Draft(
                id=_unique(_slug(sentence, m.value), taken),
                title=_trim(sentence, TITLE_LENGTH),
                when=str(window),
                status="planned" if window.precision is Precision.DAY else "tentative",
                article=article.name,
                quote=quote,
            )
        )
    return drafts


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
    plain = "".join(
        c
        for c in unicodedata.normalize("NFKD", sentence.replace("đ", "d").replace("Đ", "D"))
        if not unicodedata.combining(c)
    )
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
    return f"every date mention in {article} is already cited by the plan; nothing to draft"
