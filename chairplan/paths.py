"""What makes a path written in the plan (an article in seeds/, a document in documents/) one that
names no file inside its folder: one reason per kind, so each bad path says what is wrong with it.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["NAME_BYTES", "PATH_BYTES", "path_problem", "shown"]

NAME_BYTES = 255  # what a file name may hold on Linux, macOS and Windows file systems
PATH_BYTES = 4096  # and a whole path on Linux
_WINDOWS = re.compile(r"[A-Za-z]:[\\/]|\\\\")  # a drive (C:\…, C:/…) or a share (\\server\…)
# A name each folder's messages give as an example.
_EXAMPLES = {"seeds": "000_article.txt", "documents": "note-2026-02.txt", "schedules": "plan.yaml"}
_SHOWN = 60  # characters of a long path shown in a message


def shown(text: str) -> str:
    """`text` as a message quotes it: cut to a readable length."""
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _control(text: str) -> str | None:
    for ch in text:
        if unicodedata.category(ch) == "Cc":
            return f"U+{ord(ch):04X}"
    return None


def path_problem(rel: str, folder: str) -> str | None:
    """Why `rel` cannot name a file inside `folder` (seeds, documents), or None when it can."""
    example = _EXAMPLES.get(folder, "000_article.txt")
    relative = f"name a file relative to the {folder} folder"
    inside = f"{relative}, e.g. {example}"
    quoted = f"'{shown(rel)}'"
    if not rel:
        return f"the path is empty; {inside}"
    if code := _control(rel):
        return f"{quoted} holds the control character {code}, which no file name may; delete it"
    if _WINDOWS.match(rel):
        return f"{quoted} is a Windows path; {relative}, with '/' between folders, e.g. {example}"
    if "\\" in rel:
        return f"{quoted} has a '\\'; write '/' between folders, e.g. sub/{example}"
    if rel.startswith("/"):
        return f"{quoted} is an absolute path; {inside}"
    if rel.startswith("~"):
        return f"{quoted} starts with '~' (a home folder); {inside}"
    parts = rel.split("/")
    if ".." in parts:
        return f"{quoted} steps out of the {folder} folder with '..'; {inside}"
    if "" in parts or "." in parts:
        return f"{quoted} has an empty or '.' part between its '/'; write it as sub/{example}"
    longest = max(len(p.encode()) for p in parts)
    if longest > NAME_BYTES:
        return (
            f"{quoted} has a name of {longest} bytes, longer than a file name may be "
            f"({NAME_BYTES}); shorten it to the file's real name"
        )
    if len(rel.encode()) > PATH_BYTES:
        return f"{quoted} is longer than a path may be ({PATH_BYTES} bytes); shorten it"
    return None
