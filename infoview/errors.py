"""The kit's own error types, each with a message written for a learner.

Every error says what was wrong and, where there is a fixed set, the valid choices:

>>> raise InvalidChoiceError("tie", "frend", ["connection", "ally", "mentor"])
Traceback (most recent call last):
...
infoview.errors.InvalidChoiceError: tie must be one of connection, ally, mentor (got 'frend')
"""

from __future__ import annotations

from collections.abc import Iterable

_MAX_LISTED = 20


def shown(value: object, limit: int = 60) -> str:
    """``repr(value)``, cut short so one wrong value never floods a message.

    >>> shown("x" * 100, limit=12)
    "'xxxxxxx...'"
    """
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "..." + text[-1]


class InfoviewError(ValueError):
    """Base class: catch this to catch every problem the kit reports on purpose."""


class InvalidValueError(InfoviewError):
    """A value that cannot be used, such as a malformed email address or a naive datetime."""


class InvalidChoiceError(InvalidValueError):
    """A value outside a fixed set of choices."""

    def __init__(self, what: str, got: object, choices: Iterable[str]) -> None:
        self.what = what
        self.got = got
        self.choices = tuple(choices)
        super().__init__(f"{what} must be one of {_listed(self.choices, got)} (got {shown(got)})")


def _listed(choices: tuple[str, ...], got: object) -> str:
    """All the choices, or for a long list the closest few (a message stays readable)."""
    if len(choices) <= _MAX_LISTED:
        return ", ".join(choices)
    import difflib

    close = difflib.get_close_matches(str(got), choices, n=3, cutoff=0.4) or list(choices[:3])
    return f"{len(choices)} names, such as {', '.join(close)}"


class UnknownPersonError(InfoviewError):
    """A person id that is not in the tracker."""

    def __init__(self, person_id: object) -> None:
        self.person_id = person_id
        super().__init__(
            f"there is no person with id {shown(person_id)} in this tracker; "
            "see tracker.people() for the ids you can use"
        )


class TrackerError(InfoviewError):
    """The tracker file cannot be used: newer schema, not a tracker, or not writable."""


class WriteRefusedError(TrackerError):
    """A file the kit will not write: the tracker, its side files, a backup, or one that exists."""


class ImportProblem(InfoviewError):  # noqa: N818 - reads as a noun for learners: "an import problem"
    """A contacts file that cannot be imported; names the file, the line and the problem."""

    def __init__(self, file: str, line: int | None, problem: str) -> None:
        self.file = file
        self.line = line
        self.problem = problem
        where = f"{file}, line {line}" if line is not None else file
        super().__init__(f"{where}: {problem}")
