"""Source articles: reading them safely from `seeds/`, and finding quoted words in them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..disk.files import UnsafePath, list_names, read_inside

ARTICLES_FOLDER = "seeds"
MAX_ARTICLE_BYTES = 2 * 1_048_576

_QUOTES = str.maketrans({"‘": "'", "’": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"'})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFC, straight quotes, single spaces: the form in which quotes are compared."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_QUOTES)).strip()


@dataclass
class Articles:
    """The articles folder of a plan; each article is read at most once."""

    root: Path
    _texts: dict[str, str] = field(default_factory=dict)
    _normal: dict[str, str] = field(default_factory=dict)
    _listed: frozenset[str] | None = None

    @property
    def folder(self) -> Path:
        return self.root / ARTICLES_FOLDER

    def text(self, name: str) -> str:
        """The article's text; raises UnsafePath with the reason it cannot be used."""
        if name not in self._texts:
            if self._listed is None:  # listed once: thousands of articles share one folder
                self._listed = frozenset(list_names(self.folder))
            data = read_inside(
                self.folder,
                name,
                limit=MAX_ARTICLE_BYTES,
                folder=ARTICLES_FOLDER,
                listed=self._listed,
            )
            try:
                self._texts[name] = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise UnsafePath(
                    f"{ARTICLES_FOLDER}/{name} is not valid UTF-8 (byte 0x{data[exc.start]:02x} "
                    f"at offset {exc.start}); save it as UTF-8"
                ) from None
        return self._texts[name]

    def contains_quote(self, name: str, quote: str) -> bool:
        if name not in self._normal:
            self._normal[name] = normalise(self.text(name))
        return normalise(quote) in self._normal[name]

    def names(self) -> list[str]:
        """Article file names (regular files directly in the folder), sorted."""
        if not self.folder.is_dir():
            return []
        return sorted(p.name for p in self.folder.iterdir() if p.is_file() and not p.is_symlink())
