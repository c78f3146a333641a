"""Problems found in a plan, and the one exception that carries them to the user."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem: where it is, a stable code, and a message that names the fix."""

    file: str
    line: int
    column: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class ChairplanError(Exception):
    """Raised by the library for anything the user must fix; never for a bug of ours."""

    def __init__(self, problems: Iterable[Problem] | str):
        if isinstance(problems, str):
            self.problems: list[Problem] = []
            self.summary = problems
        else:
            self.problems = sorted(set(problems))
            self.summary = f"{len(self.problems)} problem(s) found"
        super().__init__(self.render())

    def render(self) -> str:
        if not self.problems:
            return self.summary
        return "\n".join(str(p) for p in self.problems)


class PlanError(ChairplanError):
    """The plan (YAML files and the articles they cite) has one or more problems."""
