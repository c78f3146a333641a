"""Date mentions as text: aligned lines for people, JSON lines for the temporal scorer."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..sources.articles import Article
from ..sources.mentions import Anchor, Mention, mentions_as_jsonl

__all__ = ["Found", "mentions_jsonl", "mentions_text", "scan_notes", "scanned"]

Found = tuple[Article, Mention]  # a mention and the article it stands in


def scanned(articles: Iterable[Article]) -> Iterator[Found]:
    """Every mention of every article, in order."""
    for article in articles:
        for m in article.mentions:
            yield article, m


def mentions_text(found: list[Found]) -> str:
    """One aligned line per mention: `file:line:col  value  kind  "text"`, names marked."""
    rows = []
    for article, m in found:
        line, col = article.position(m.start)
        words = '"' + m.text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
        rows.append(
            (
                f"{article.name}:{line}:{col}",
                m.value,
                m.kind,
                words + ("  (in a name)" if m.in_name else ""),
            )
        )
    widths = [max((len(r[i]) for r in rows), default=0) for i in range(3)]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(r[:3], widths, strict=True)) + "  " + r[3]
        for r in rows
    )


def mentions_jsonl(found: list[Found]) -> str:
    """One JSON object per mention, in the temporal scorer's prediction format."""
    return "".join(mentions_as_jsonl(article.name, [m]) for article, m in found)


def scan_notes(articles: Iterable[Article]) -> Iterator[str]:
    """What `sources scan` says on stderr of each article: that it has no publication date, and
    each relative date the date it has is too coarse for, with the fix."""
    for article in articles:
        if article.note:
            yield f"{article.name}: {article.note}"
        for u in article.unresolved:
            line, col = article.position(u.start)
            yield (
                f"{article.name}:{line}:{col}: '{u.text}' needs the {u.needs} of publication; "
                f"{_what_it_gives(article.anchor)}"
            )


def _what_it_gives(anchor: Anchor) -> str:
    if anchor.year is None:
        return "the article gives none"
    return f"{anchor.source or 'the article'} gives only {anchor} (a first line ' date YYYY-MM-DD' gives the day)"
