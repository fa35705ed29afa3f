"""Step 4, the day after: debrief the meeting, thank them, and keep in touch.

A :class:`Debrief` holds what you noted: a note against each prepared question, free
notes, the one thing you learned, their advice, your next step, and the people they
pointed you to. :func:`log_debrief` stores it as the ``interview`` touch, and each
referral becomes a new person introduced by them, all in one transaction. Saving a debrief
again for the same day's meeting adds to that meeting's touch rather than logging another.

>>> import tempfile, pathlib
>>> from infoview.tracker import open_tracker
>>> t = open_tracker(pathlib.Path(tempfile.mkdtemp()) / "t.sqlite")
>>> ben = t.add_person("Ben Harlow", email="ben@example.org")
>>> notes = Debrief(learned="teams hire for curiosity", next_step="write two case studies",
...                 referrals=("Fatima Zahra",))
>>> saved = log_debrief(t, ben, notes, on=date(2026, 11, 25))
>>> t.person(saved.referred[0]).introduced_by == ben
True
>>> more = Debrief(advice="ask Fatima about her team", referrals=("fatima zahra",))
>>> log_debrief(t, ben, more, on=date(2026, 11, 25))  # the same meeting: merged, once
Debrief updated (touch 1)
>>> len(t.touches(ben, kinds=["interview"])), len(t.people())
(1, 2)
>>> t.due(today=date(2026, 11, 26))["action"].tolist()
['Send a thank-you email']
>>> log_gift(t, ben, "a book").status.value
'warn'
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from infoview.clock import local_zone, resolve_today
from infoview.errors import InvalidChoiceError, InvalidValueError, shown
from infoview.model import TouchKind, require_aware
from infoview.rules import Finding, Review, Status, finding, policy
from infoview.text import plural
from infoview.validation import clean_text

if TYPE_CHECKING:
    import pandas as pd

    from infoview.tracker import Tracker


@dataclass(frozen=True)
class Referral:
    """Someone they suggested you talk to; becomes a new person when the debrief is logged."""

    name: str
    email: str | None = None
    company: str | None = None
    role: str | None = None

    @classmethod
    def parse(cls, value: str | Referral) -> Referral:
        """A referral from ``"Name, email, company"`` (email and company optional).

        >>> Referral.parse("Fatima Zahra, fatima@example.org, Cobalt Bank")
        Referral(name='Fatima Zahra', email='fatima@example.org', company='Cobalt Bank', role=None)
        """
        if isinstance(value, Referral):
            return value
        parts = [p.strip() for p in str(value).split(",") if p.strip()]
        if not parts:
            raise InvalidValueError("a referral needs at least a name")
        email = next((p for p in parts[1:] if "@" in p), None)
        rest = [p for p in parts[1:] if p != email]
        return cls(parts[0], email, rest[0] if rest else None, rest[1] if len(rest) > 1 else None)


def _text(value: object, what: str, multiline: bool = True) -> str:
    return clean_text(value, what, multiline=multiline) or ""


def _name_key(name: str) -> str:
    """A name as compared: any case, any spacing."""
    return " ".join(str(name).split()).casefold()


def _distinct(referrals: tuple[Referral, ...]) -> tuple[Referral, ...]:
    """Each name once (any case), the first mention kept."""
    found: dict[str, Referral] = {}
    for referral in referrals:
        found.setdefault(_name_key(referral.name), referral)
    return tuple(found.values())


@dataclass(frozen=True)
class Debrief:
    """What you noted after the meeting. Every field is optional."""

    notes: str = ""
    answers: Mapping[str, str] = field(default_factory=dict)
    learned: str = ""
    advice: str = ""
    next_step: str = ""
    next_step_by: date | None = None
    referrals: tuple[Referral, ...] = ()
    asked_for: str = ""

    def __post_init__(self) -> None:
        # A private, read-only copy: the caller's dict and list are never shared or changed.
        answers = {
            str(k): _text(v, f"note for question {k}") for k, v in dict(self.answers).items()
        }
        object.__setattr__(
            self, "answers", MappingProxyType({k: v for k, v in answers.items() if v})
        )
        referrals = self.referrals
        if isinstance(referrals, str | Referral):
            referrals = (referrals,)
        object.__setattr__(self, "referrals", tuple(Referral.parse(r) for r in referrals))
        for name in ("notes", "learned", "advice", "next_step", "asked_for"):
            object.__setattr__(self, name, _text(getattr(self, name), name.replace("_", " ")))
        if self.next_step_by is not None and not isinstance(self.next_step_by, date):
            raise InvalidValueError(f"next_step_by must be a date (got {self.next_step_by!r})")

    def details(self) -> dict[str, Any]:
        """The ``interview`` touch details (see the touch details contract)."""
        found: dict[str, Any] = {
            "notes": self.notes,
            "answers": dict(self.answers),
            "learned": self.learned,
            "advice": self.advice,
            "next_step": self.next_step,
            "referrals": [r.name for r in self.referrals],
        }
        if self.next_step_by:
            found["next_step_by"] = self.next_step_by.isoformat()
        if self.asked_for:
            found["asked_for"] = self.asked_for
        return found

    @classmethod
    def from_details(cls, details: Mapping[str, Any]) -> Debrief:
        """A debrief read back from an ``interview`` touch (unknown keys are ignored)."""
        by = details.get("next_step_by")
        return cls(
            notes=str(details.get("notes") or ""),
            answers={str(k): str(v) for k, v in dict(details.get("answers") or {}).items()},
            learned=str(details.get("learned") or ""),
            advice=str(details.get("advice") or ""),
            next_step=str(details.get("next_step") or ""),
            next_step_by=date.fromisoformat(by) if by else None,
            referrals=tuple(Referral(str(name)) for name in details.get("referrals") or ()),
            asked_for=str(details.get("asked_for") or ""),
        )

    def merged(self, newer: Debrief) -> Debrief:
        """This debrief with a later save of the same meeting laid over it.

        What ``newer`` fills in replaces this debrief's value, what it leaves empty keeps
        it; answers merge per question, and referrals are both lists, each name once.

        >>> first = Debrief(notes="warm", answers={"q1": "via teaching"}, referrals=("Cleo",))
        >>> both = first.merged(Debrief(notes="", answers={"q2": "yes"}, referrals=("cleo", "Dan")))
        >>> both.notes, dict(both.answers), [r.name for r in both.referrals]
        ('warm', {'q1': 'via teaching', 'q2': 'yes'}, ['Cleo', 'Dan'])
        """
        if not isinstance(newer, Debrief):
            raise InvalidValueError(f"newer must be a Debrief(...) (got {type(newer).__name__})")
        return Debrief(
            notes=newer.notes or self.notes,
            answers={**self.answers, **newer.answers},
            learned=newer.learned or self.learned,
            advice=newer.advice or self.advice,
            next_step=newer.next_step or self.next_step,
            next_step_by=newer.next_step_by or self.next_step_by,
            referrals=_distinct(self.referrals + newer.referrals),
            asked_for=newer.asked_for or self.asked_for,
        )

    def __repr__(self) -> str:
        filled = [k for k, v in self.details().items() if v]
        return f"Debrief({', '.join(filled) or 'empty'})"

    def _repr_html_(self) -> str:
        rows = [
            ("Learned", self.learned),
            ("Their advice", self.advice),
            ("Your next step", self.next_step),
            ("Notes", self.notes),
            ("Referrals", ", ".join(r.name for r in self.referrals)),
        ]
        rows += [(f"Question {k}", v) for k, v in self.answers.items()]
        items = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in rows if v)
        return f'<dl class="iv-debrief">{items or "<dd><em>An empty debrief.</em></dd>"}</dl>'


@dataclass(frozen=True)
class LoggedDebrief:
    """What :func:`log_debrief` stored: the interview touch and the referrals it recorded.

    ``updated`` is True when the debrief was merged into the meeting's interview touch
    saved before; ``referred`` (ids) and ``referred_names`` are the referrals recorded by
    this save only.
    """

    touch_id: int
    person_id: int
    referred: tuple[int, ...] = ()
    referred_names: tuple[str, ...] = ()
    updated: bool = False

    def __repr__(self) -> str:
        added = f"; added {', '.join(self.referred_names)}" if self.referred else ""
        done = "updated" if self.updated else "saved"
        return f"Debrief {done} (touch {self.touch_id}){added}"

    @property
    def text(self) -> str:
        """What happened, in words for a learner (no internal ids).

        >>> LoggedDebrief(7, 1, (8, 9), ("Ana Ruiz", "Li Wei")).text
        'Debrief saved; Ana Ruiz and Li Wei are now in your tracker'
        """
        done = "updated" if self.updated else "saved"
        names = list(self.referred_names)
        if not names:
            return f"Debrief {done}"
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        verb = "is" if len(names) == 1 else "are"
        return f"Debrief {done}; {listed} {verb} now in your tracker"

    def _repr_html_(self) -> str:
        return f"<p>✔ {html.escape(repr(self))}</p>"


def prepared_questions(tracker: Tracker, person_id: int) -> list[tuple[str, str]]:
    """(id, text) of the questions in the person's latest plan; empty when there is none.

    Tolerant of the plan's shape: any list of dicts with ``text`` (and ``id``) is used.
    """
    plans = tracker.plans(person_id)
    if plans.empty:
        return []
    plan = plans["plan"].iloc[-1]
    return _questions_in(plan) if isinstance(plan, Mapping) else []


def _questions_in(plan: Mapping[str, Any]) -> list[tuple[str, str]]:
    candidates = [plan.get("questions")] + [v for k, v in plan.items() if k != "questions"]
    for value in candidates:
        if isinstance(value, list) and value and all(isinstance(q, Mapping) for q in value):
            found = [
                (str(q.get("id", i + 1)), str(q.get("text") or q.get("question") or ""))
                for i, q in enumerate(value)
            ]
            found = [(qid, text) for qid, text in found if text.strip()]
            if found:
                return found
    return []


def log_debrief(
    tracker: Tracker,
    person_id: int,
    debrief: Debrief,
    *,
    on: date | datetime | None = None,
    channel: str | None = None,
    today: date | None = None,
) -> LoggedDebrief:
    """Store the debrief as the ``interview`` touch, in one transaction.

    A debrief is of a meeting that has happened: one dated after ``today`` is refused with
    a message naming the day, and nothing is stored.

    A meeting has one interview touch: if this person already has one on the same
    calendar day (your time zone), the debrief is merged into it (see
    :meth:`Debrief.merged`) instead of logging a second meeting; its time and channel stay.

    Each referral becomes a new person (source ``warm``, introduced by this person) unless
    someone with the same email is in the tracker, or someone of that name (any case) was
    introduced by this person; each gets a ``referral`` touch on the person who referred
    them. A referral already recorded from the same meeting is not recorded again. On any
    error nothing is stored.
    """
    if not isinstance(debrief, Debrief):
        raise InvalidValueError(f"debrief must be a Debrief(...) (got {type(debrief).__name__})")
    person = tracker.person(person_id)
    questions = {qid for qid, _ in prepared_questions(tracker, person.id)}
    unknown = sorted(set(debrief.answers) - questions)
    if questions and unknown:
        raise InvalidChoiceError("question id", unknown[0], sorted(questions))
    day = _meeting_day(on, today)
    referred: list[tuple[int, str]] = []
    with tracker.batch():
        earlier = _touches_on(tracker, person.id, TouchKind.INTERVIEW, day)
        recorded: set[str] = set()
        recorded_ids: set[int] = set()
        if earlier.empty:
            touch = tracker.log(
                person.id, TouchKind.INTERVIEW, on=on, channel=channel, **debrief.details()
            )
        else:
            last = earlier.iloc[-1]
            before = Debrief.from_details(last["details"])
            touch = tracker.update_touch(int(last["id"]), **before.merged(debrief).details())
            recorded = {_name_key(r.name) for r in before.referrals}
            for details in _touches_on(tracker, person.id, TouchKind.REFERRAL, day)["details"]:
                recorded.add(_name_key(str(details.get("to", ""))))
                if isinstance(details.get("person_id"), int):
                    recorded_ids.add(details["person_id"])
        introduced = _introduced_by(tracker, person.id)
        for referral in _distinct(debrief.referrals):
            key = _name_key(referral.name)
            if key in recorded:
                continue
            known = tracker.find_people(email=referral.email) if referral.email else None
            if known is not None and not known.empty:
                new_id = int(known["id"].iloc[0])
            elif key in introduced:
                new_id = introduced[key]
            else:
                new_id = tracker.add_person(
                    referral.name,
                    email=referral.email,
                    company=referral.company,
                    role=referral.role,
                    source="warm",
                    introduced_by=person.id,
                    connected_on=day,
                )
                introduced[key] = new_id
            if new_id in recorded_ids:
                continue
            tracker.log(person.id, TouchKind.REFERRAL, on=on, to=referral.name, person_id=new_id)
            recorded.add(key)
            recorded_ids.add(new_id)
            referred.append((new_id, referral.name))
    ids, names = tuple(i for i, _ in referred), tuple(n for _, n in referred)
    return LoggedDebrief(touch, person.id, ids, names, updated=not earlier.empty)


def future_meeting_message(day: date) -> str:
    """What a learner reads when they try to debrief a meeting that has not happened yet.

    >>> future_meeting_message(date(2026, 12, 10))
    'This meeting is on Thu 10 Dec; you can write the debrief after it.'
    """
    return f"This meeting is on {day:%a} {day.day} {day:%b}; you can write the debrief after it."


def _meeting_day(on: date | datetime | None, today: date | None = None) -> date:
    """The calendar day (your time zone) of a meeting held ``on`` (default: today).

    A day after ``today`` is refused: a debrief is of a meeting that has happened.
    """
    if on is None:
        return resolve_today(today)
    if isinstance(on, datetime):
        day = require_aware(on, "on").astimezone(local_zone()).date()
    elif isinstance(on, date):
        day = on
    else:
        raise InvalidValueError(f"on must be a date or a tz-aware datetime (got {shown(on)})")
    if day > resolve_today(today):
        raise InvalidValueError(future_meeting_message(day))
    return day


def _touches_on(tracker: Tracker, person_id: int, kind: TouchKind, day: date) -> pd.DataFrame:
    """This person's touches of one kind on one calendar day (your time zone), oldest first."""
    touches = tracker.touches(person_id, kinds=[kind])
    if touches.empty:
        return touches
    that_day: pd.DataFrame = touches[touches["at"].dt.tz_convert(local_zone()).dt.date == day]
    return that_day


def _introduced_by(tracker: Tracker, person_id: int) -> dict[str, int]:
    """The people this person introduced, by name as compared (the first of a name)."""
    people = tracker.people()
    people = people[people["introduced_by"] == person_id]
    found: dict[str, int] = {}
    for pid, name in zip(people["id"], people["name"], strict=True):
        found.setdefault(_name_key(name), int(pid))
    return found


def debrief_on(tracker: Tracker, person_id: int, day: date) -> Debrief | None:
    """The debrief saved for this person's meeting on ``day`` (your time zone), if any.

    >>> import tempfile, pathlib
    >>> from infoview.tracker import open_tracker
    >>> t = open_tracker(pathlib.Path(tempfile.mkdtemp()) / "t.sqlite")
    >>> ana = t.add_person("Ana Ruiz")
    >>> _ = log_debrief(t, ana, Debrief(learned="ask early"), on=date(2026, 3, 2))
    >>> debrief_on(t, ana, date(2026, 3, 2)).learned, debrief_on(t, ana, date(2026, 3, 3))
    ('ask early', None)
    """
    saved = _touches_on(tracker, tracker.person(person_id).id, TouchKind.INTERVIEW, day)
    return None if saved.empty else Debrief.from_details(saved.iloc[-1]["details"])


def latest_debrief(tracker: Tracker, person_id: int) -> tuple[Debrief, date] | None:
    """The latest debrief with this person and the day you met, or None if you have not met."""
    interviews = tracker.touches(person_id, kinds=[TouchKind.INTERVIEW])
    if interviews.empty:
        return None
    last = interviews.iloc[-1]
    met_on = last["at"].tz_convert(local_zone()).date()
    return Debrief.from_details(last["details"]), met_on


def log_gift(
    tracker: Tracker, person_id: int, what: str, *, on: date | datetime | None = None
) -> Finding:
    """Log a gift you gave, and get the kit's gentle warning (``after.no_gift``)."""
    what_text = _text(what, "what", multiline=False)
    tracker.log(person_id, TouchKind.GIFT, on=on, what=what_text)
    return finding(
        policy(),
        "after.no_gift",
        Status.WARN,
        "Logged. A gift usually goes further than needed: thanks, and later an update on how "
        "their advice worked out, are what people remember.",
        what_text,
    )


# ---------------------------------------------------------------- self-check


def self_check(tracker: Tracker, today: date | None = None) -> Review:
    """Friendly feedback on your own day-after work: debriefs, thanks, gifts, follow-ups."""
    from infoview.due import due

    today = resolve_today(today)
    rules = policy()
    summary = tracker.touch_summary()
    kinds = set(summary["kind"])
    people = tracker.people().set_index("id")["name"]
    found: list[Finding] = []
    if TouchKind.INTERVIEW.value not in kinds:
        found.append(
            finding(
                rules,
                "after.familiar",
                Status.WARN,
                "No meeting debriefed yet: after your "
                "first conversation, use the debrief form above.",
            )
        )
        return Review(findings=tuple(found), title="Your day after: self-check")
    found.append(finding(rules, "after.familiar", Status.PASS, "You have debriefed a meeting."))
    table = due(tracker, today=today)
    unthanked = table[(table["rule"] == "after.thanks_email")]
    if unthanked.empty:
        found.append(
            finding(rules, "after.thanks_email", Status.PASS, "Everyone you met has been thanked.")
        )
    else:
        names = ", ".join(unthanked["name"].tolist()[:3])
        found.append(finding(rules, "after.thanks_email", Status.FAIL, f"Still to thank: {names}."))
    gifts = summary[summary["kind"] == TouchKind.GIFT.value]
    if not gifts.empty:
        names = ", ".join(people.reindex(gifts["person_id"]).dropna().tolist()[:3])
        found.append(
            finding(
                rules,
                "after.no_gift",
                Status.WARN,
                f"You gave a gift to {names}. Next time, thanks and an update are plenty.",
            )
        )
    late = table[table["rule"].isin(["after.referral", "after.update", "after.keep_in_touch"])]
    overdue = late[late["overdue_days"] > 0]
    if overdue.empty:
        found.append(
            finding(rules, "after.keep_in_touch", Status.PASS, "Your follow-ups are up to date.")
        )
    else:
        found.append(
            finding(
                rules,
                "after.keep_in_touch",
                Status.WARN,
                f"{plural(len(overdue), 'follow-up')} overdue: work through the follow-up board.",
            )
        )
    return Review(findings=tuple(found), title="Your day after: self-check")
