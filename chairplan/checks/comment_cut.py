"""comment-cut: a ` #` after a plain text value starts a YAML comment, and YAML cuts the value there
without a word: a title loses its end, and a quote cut short still verifies. Warned wherever a
plain (unquoted) value of a text field is followed by a comment on its line."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from ..errors import Problem
from ..plan import yamltree
from ..plan.load import LoadedFile
from .rule import Rule, Subject

__all__ = ["CODE", "RULE", "TEXT_KEYS", "find"]

CODE = "comment-cut"
# The keys whose values are free text (titles and names in either language, notes, quotes…):
# where a '#' may well belong to the words. Ids, dates and settings cannot hold one.
TEXT_KEYS = frozenset(
    {"city", "description", "en", "name", "notes", "owner", "participants", "quote",
     "reason", "short", "theme", "title", "venue", "vi"}
)  # fmt: skip
_MAYBE = re.compile(r"\S[ \t]+#")  # a file with no such line has no cut value: not parsed again
_COMMENT = re.compile(r"[ \t]+#[^\n]*")


def _cut(f: LoadedFile, node: yamltree.Node, path: tuple[str | int, ...], text: bool) -> Iterator[Problem]:  # fmt: skip
    if isinstance(node, yamltree.Mapping):
        for key, (_, value) in node.items.items():
            yield from _cut(f, value, (*path, key), key in TEXT_KEYS)
    elif isinstance(node, yamltree.Sequence):
        for k, item in enumerate(node.items):
            yield from _cut(f, item, (*path, k), text)
    elif text and isinstance(node, yamltree.Scalar) and node.style is None:
        comment = _COMMENT.match(f.text, node.mark.end)
        if comment:
            dotted = ".".join(map(str, path))
            words = comment.group().strip()
            yield f.problem(
                path,
                CODE,
                f"{dotted}: '{node.value}' is all YAML reads of this line: the ' #' after it "
                f"starts a comment, so '{words}' is no part of the value; quote the value "
                f"({json.dumps(f'{node.value} {words}', ensure_ascii=False)}) if the '#' belongs "
                "to it, or put the comment on a "
                "line of its own",
            )


def find(subject: Subject) -> Iterator[Problem]:
    for f in subject.loaded.files:
        if _MAYBE.search(f.text):
            yield from _cut(f, f.tree, (), False)


RULE = Rule(
    CODE,
    "No text value is cut short by a ' #' that YAML reads as the start of a comment.",
    find,
    severity="warning",
    local=True,
)
