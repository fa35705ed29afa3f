"""The kit's vocabulary: enums for the fixed choices and dataclasses for the records.

Each enum parses free text into a member, or explains the valid choices:

>>> Tie.parse("Mentor")
<Tie.MENTOR: 'mentor'>
>>> Tie.parse("frend")
Traceback (most recent call last):
...
infoview.errors.InvalidChoiceError: tie must be one of connection, ally, mentor (got 'frend')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Self

from infoview.errors import InvalidChoiceError, InvalidValueError

_TITLES = frozenset(
    {"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "rev", "fr"}
)


def given_name(name: str) -> str:
    """The name to greet someone by, taken only from the name as they (or you) wrote it.

    The kit stores one name per person, and a name alone does not say where a given name
    ends: "Mary Ann Lee" and "Ana María López" have two-part given names, "Ludwig van
    Beethoven" has none, "Lee, Mary Ann" puts the family name first. So the kit never
    guesses by cutting a name apart:

    * one word, or two words ("Jean-Luc Picard", "Ana Ruiz"): the first word, whole,
      hyphen and accents included;
    * "Family, Given" (a comma): the part after the comma;
    * three words or more, or a name that starts with a title ("Dr. Ade Bello"): the name
      exactly as written. "Dear Mary Ann Lee" is a little formal, never wrong; the learner
      shortens it in the draft if they know better.

    >>> given_name("Jean-Luc Picard"), given_name("Ana Ruiz"), given_name("Chloé")
    ('Jean-Luc', 'Ana', 'Chloé')
    >>> given_name("Mary Ann Lee"), given_name("Ana María López")
    ('Mary Ann Lee', 'Ana María López')
    >>> given_name("Lee, Mary Ann"), given_name("Dr. Ade Bello"), given_name("  ")
    ('Mary Ann', 'Dr. Ade Bello', '')
    """
    words = name.split()
    if not words:
        return ""
    if "," in name:
        family, _, given = name.partition(",")
        if given.strip() and family.strip():
            return " ".join(given.split())
    if words[0].rstrip(".").lower() in _TITLES or len(words) > 2:
        return " ".join(words)
    return words[0]


class _Choice(StrEnum):
    """A fixed set of values stored as text."""

    @classmethod
    def label(cls) -> str:
        return cls.__name__.lower()

    @classmethod
    def parse(cls, value: object) -> Self:
        if isinstance(value, cls):
            return value
        text = str(value).strip().lower().replace(" ", "_").replace("-", "_")
        for member in cls:
            if text == member.value:
                return member
        raise InvalidChoiceError(cls.label(), value, [m.value for m in cls])


class Source(_Choice):
    """How a person came into the tracker."""

    COLD = "cold"
    WARM = "warm"
    LINKEDIN = "linkedin"
    VCARD = "vcard"
    CSV = "csv"
    MANUAL = "manual"


class Tie(_Choice):
    """How strong the relationship is: the guide's three kinds of contact."""

    CONNECTION = "connection"
    ALLY = "ally"
    MENTOR = "mentor"


class TouchKind(_Choice):
    """Everything that can happen between the learner and a person."""

    INTRO_REQUESTED = "intro_requested"
    INTRODUCED = "introduced"
    OUTREACH = "outreach"
    REMINDER = "reminder"
    REPLY = "reply"
    DECLINED = "declined"
    SCHEDULED = "scheduled"
    CONFIRMED = "confirmed"
    INTERVIEW = "interview"
    THANK_YOU_EMAIL = "thank_you_email"
    THANK_YOU_CARD = "thank_you_card"
    GIFT = "gift"
    UPDATE = "update"
    REFERRAL = "referral"

    @classmethod
    def label(cls) -> str:
        return "kind"


class Stage(_Choice):
    """Where a person stands in the journey; always derived from touches, never stored."""

    IDENTIFIED = "identified"
    ASKED_FOR_INTRO = "asked for intro"
    CONTACTED = "contacted"
    REMINDED = "reminded"
    REPLIED = "replied"
    SCHEDULED = "scheduled"
    MET = "met"
    THANKED = "thanked"
    KEEPING_IN_TOUCH = "keeping in touch"
    NO_ANSWER = "no answer"
    DECLINED = "declined"

    @classmethod
    def parse(cls, value: object) -> Stage:
        if isinstance(value, Stage):
            return value
        text = str(value).strip().lower().replace("_", " ")
        for member in cls:
            if text == member.value:
                return member
        raise InvalidChoiceError("stage", value, [m.value for m in cls])


@dataclass(frozen=True)
class Profile:
    """The learner: who they are, what they explore, and their three-line mini-CV."""

    name: str = ""
    email: str = ""
    field: str = ""
    goal: str = ""
    synopsis: str = ""

    @property
    def synopsis_lines(self) -> list[str]:
        return [line.strip() for line in self.synopsis.splitlines() if line.strip()]

    @property
    def is_empty(self) -> bool:
        return not any((self.name, self.email, self.field, self.goal, self.synopsis))

    @property
    def first_name(self) -> str:
        """The name to sign with (see :func:`given_name`)."""
        return given_name(self.name)


@dataclass(frozen=True)
class Person:
    """Someone in the learner's network."""

    id: int
    name: str
    email: str | None = None
    company: str | None = None
    role: str | None = None
    url: str | None = None
    source: Source = Source.COLD
    introduced_by: int | None = None
    tie: Tie = Tie.CONNECTION
    connected_on: date | None = None
    notes: str | None = None
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def first_name(self) -> str:
        """The name to greet them by, as they wrote it (see :func:`given_name`)."""
        return given_name(self.name)


def require_aware(value: datetime, what: str = "time") -> datetime:
    """Refuse naive datetimes: a time without a zone means different instants to different people.

    >>> require_aware(datetime(2026, 3, 1, 9, 0))
    Traceback (most recent call last):
    ...
    infoview.errors.InvalidValueError: time 2026-03-01 09:00:00 has no time zone; ...
    """
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidValueError(
            f"{what} {value} has no time zone; a time without a zone is read differently by "
            "each calendar. Add one, e.g. datetime(..., tzinfo=ZoneInfo('Europe/London'))"
        )
    return value
