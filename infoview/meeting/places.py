"""Where an informational interview happens, and what to get ready for each kind of place.

The person you interview picks the place (rule ``location.theirs``); the kit knows five
kinds, each with etiquette notes and what to prepare, kept as data in
``resources/meeting_places.toml``:

>>> [option.kind for option in places()]
['office', 'lunch', 'coffee', 'video', 'phone']
>>> place("Video call").label, place("lunch").you_pay
('Video call', True)
>>> place("park bench")
Traceback (most recent call last):
...
infoview.errors.InvalidChoiceError: place kind must be one of office, lunch, ... (got 'park bench')
"""

from __future__ import annotations

import html
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from infoview.errors import InvalidChoiceError

if TYPE_CHECKING:
    from infoview.meeting.core import Meeting
    from infoview.rules import Policy

PLACE_KINDS = ("office", "lunch", "coffee", "video", "phone")
_ALIASES = {
    "their office": "office",
    "work": "office",
    "workplace": "office",
    "a table at lunch": "lunch",
    "cafe": "coffee",
    "café": "coffee",
    "video call": "video",
    "video_call": "video",
    "online": "video",
    "phone call": "phone",
    "phone_call": "phone",
    "telephone": "phone",
}


def parse_place_kind(value: object) -> str:
    """One of :data:`PLACE_KINDS`, from a kind or a common way of saying it."""
    text = str(value).strip().lower()
    text = _ALIASES.get(text, text)
    if text not in PLACE_KINDS:
        raise InvalidChoiceError("place kind", value, PLACE_KINDS)
    return text


@dataclass(frozen=True)
class PlaceOption:
    """One kind of place: what it is like, its etiquette, and what to prepare."""

    kind: str
    label: str
    summary: str
    location_hint: str
    in_person: bool
    you_pay: bool
    etiquette: tuple[str, ...]
    prepare: tuple[str, ...]

    def __repr__(self) -> str:
        lines = [f"{self.label} ({self.kind}): {self.summary}"]
        lines += [f"  - {note}" for note in self.etiquette]
        lines += [f"  prepare: {item}" for item in self.prepare]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return place_html(self)


def place_html(option: PlaceOption, *, heading: bool = True, prepare: bool = True) -> str:
    """One place's etiquette (and, unless ``prepare`` is false, preparation) as escaped HTML."""
    title = f"<h4>{html.escape(option.label)}</h4>" if heading else ""
    notes = "".join(f"<li>{html.escape(note)}</li>" for note in option.etiquette)
    prep = "".join(f"<li>{html.escape(item)}</li>" for item in option.prepare)
    prep_block = f"<p><strong>Prepare</strong></p><ul>{prep}</ul>" if prepare else ""
    return (
        f'<div class="iv-place" data-kind="{html.escape(option.kind)}" style="line-height:1.45">'
        f"{title}<p><em>{html.escape(option.summary)}</em></p>"
        f"<p><strong>Etiquette</strong></p><ul>{notes}</ul>{prep_block}</div>"
    )


@dataclass(frozen=True)
class PlaceGuide:
    """All five kinds of place, in the order the kit offers them."""

    options: tuple[PlaceOption, ...]

    def __iter__(self) -> Iterator[PlaceOption]:
        return iter(self.options)

    def __len__(self) -> int:
        return len(self.options)

    def __getitem__(self, kind: str) -> PlaceOption:
        wanted = parse_place_kind(kind)
        return next(option for option in self.options if option.kind == wanted)

    def __repr__(self) -> str:
        return "\n\n".join(repr(option) for option in self.options)

    def _repr_html_(self) -> str:
        cells = "".join(
            f'<div style="flex:1 1 16em;border:1px solid #ccc;border-radius:6px;padding:0 0.8em">'
            f"{place_html(option)}</div>"
            for option in self.options
        )
        return (
            '<div class="iv-places"><p><strong>They choose; you adapt.</strong> The five kinds '
            "of place, with the etiquette for each:</p>"
            f'<div style="display:flex;flex-wrap:wrap;gap:0.6em">{cells}</div></div>'
        )


@cache
def places() -> PlaceGuide:
    """The kinds of place, read once from the package's ``meeting_places.toml``."""
    text = resources.files("infoview.resources").joinpath("meeting_places.toml").read_text("utf-8")
    tables = tomllib.loads(text)["places"]
    return PlaceGuide(
        tuple(
            PlaceOption(
                kind=kind,
                label=str(tables[kind]["label"]),
                summary=str(tables[kind]["summary"]),
                location_hint=str(tables[kind]["location_hint"]),
                in_person=bool(tables[kind]["in_person"]),
                you_pay=bool(tables[kind]["you_pay"]),
                etiquette=tuple(str(note) for note in tables[kind]["etiquette"]),
                prepare=tuple(str(item) for item in tables[kind]["prepare"]),
            )
            for kind in PLACE_KINDS
        )
    )


def place(kind: str) -> PlaceOption:
    """The etiquette and preparation for one kind of place."""
    return places()[kind]


# ---------------------------------------------------------------- the checklist


@dataclass(frozen=True)
class ChecklistItem:
    """One thing to do before the meeting, and the rule it comes from."""

    key: str
    text: str
    rule: str


def _rule_note(rule_id: str) -> str:
    """The rule's title in words; its id only in the tooltip, for advisors."""
    from infoview.rules import policy

    rules = policy()
    title = rules[rule_id].title if rule_id in rules else "Coaching rule"
    return (
        f'<small class="iv-source" title="Rule {html.escape(rule_id)}">'
        f"({html.escape(title)})</small>"
    )


@dataclass(frozen=True)
class Checklist:
    """What to do before a meeting; shows itself as a list of boxes to tick."""

    title: str
    items: tuple[ChecklistItem, ...]

    def __iter__(self) -> Iterator[ChecklistItem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, key: str) -> ChecklistItem:
        for item in self.items:
            if item.key == key:
                return item
        raise InvalidChoiceError("checklist item", key, [i.key for i in self.items])

    def __repr__(self) -> str:
        return "\n".join([self.title, *(f"  [ ] {item.text}" for item in self.items)])

    def _repr_html_(self) -> str:
        rows = "".join(
            f'<li data-key="{html.escape(item.key)}"><span aria-hidden="true">☐</span> '
            f"{html.escape(item.text)} {_rule_note(item.rule)}</li>"
            for item in self.items
        )
        return (
            f'<div class="iv-checklist" style="line-height:1.45">'
            f"<p><strong>{html.escape(self.title)}</strong></p>"
            f'<ul style="list-style:none;padding-left:0.4em;margin-top:0">{rows}</ul></div>'
        )


def checklist_for(
    place_kind: str,
    *,
    minutes: int = 20,
    person_name: str = "them",
    location: str = "",
    confirm_on: str = "",
    rules: Policy | None = None,
) -> Checklist:
    """The checklist for a kind of place, before you know all the details.

    >>> [item.key for item in checklist_for("coffee", minutes=20)]
    ['research', 'questions', 'route', 'pay', 'time', 'early', 'confirm', 'prepare-1', 'prepare-2']
    >>> checklist_for("coffee")["pay"].text
    'You pay for the coffee: offer to get their drink, and bring a card and a little cash.'
    """
    from infoview.rules import policy

    rules = rules if rules is not None else policy()
    option = place(place_kind)
    timing = rules["location.time"]
    early = int(timing.number("arrive_early_minutes"))
    buffer = int(timing.number("route_buffer_minutes"))
    call_early = int(timing.number("call_early_minutes"))
    where = location.replace("\n", ", ").strip() or "the place they chose"
    route = {
        "office": f"Plan your route to {where} and leave {buffer} minutes spare for delays.",
        "lunch": f"Plan your route to {where} and leave {buffer} minutes spare for delays.",
        "coffee": f"Plan your route to {where} and leave {buffer} minutes spare for delays.",
        "video": "Test the link, the app, your camera and microphone; keep the "
        f"{buffer} minutes before the call free.",
        "phone": "Know who calls whom, keep the number at hand, and be somewhere quiet "
        f"{buffer} minutes before.",
    }[option.kind]
    pay = {
        "office": "Nothing to pay for at their office; if you step out for a coffee, you pay.",
        "lunch": "You pay for both lunches: check prices, and bring a card and a little cash.",
        "coffee": "You pay for the coffee: offer to get their drink, and bring a card and a "
        "little cash.",
        "video": "Nothing to pay for on a call; your preparation is the courtesy.",
        "phone": "Nothing to pay for on a call; if you call them, the cost is yours.",
    }[option.kind]
    arrive = (
        f"Arrive {early} minutes early."
        if option.in_person
        else f"Be ready {call_early} minutes early."
    )
    confirm = f"Confirm by email the day before{f' ({confirm_on})' if confirm_on else ''}."
    items = [
        ChecklistItem(
            "research",
            f"Research {person_name}: their role, their organisation, and what they have "
            "written or made.",
            "questions.prepare",
        ),
        ChecklistItem(
            "questions",
            "Print your question sheet (notebook 02) and bring a pen and paper for notes.",
            "questions.prepare",
        ),
        ChecklistItem("route", route, "location.time"),
        ChecklistItem("pay", pay, "location.pay"),
        ChecklistItem(
            "time",
            f"You asked for {minutes} minutes: take that limit seriously, watch the clock and "
            "offer to stop on time.",
            "location.time",
        ),
        ChecklistItem("early", arrive, "location.time"),
        ChecklistItem("confirm", confirm, "location.confirm"),
    ]
    items += [
        ChecklistItem(f"prepare-{n}", text, "location.theirs")
        for n, text in enumerate(option.prepare, start=1)
    ]
    return Checklist(f"Before you meet {person_name} ({option.label.lower()})", tuple(items))


def checklist(meeting: Meeting, rules: Policy | None = None) -> Checklist:
    """Everything to do before this meeting: research, questions sheet, route, pay, time."""
    from infoview.meeting.core import confirmation_due_on
    from infoview.meeting.zones import day_text

    confirm_on = confirmation_due_on(meeting, rules=rules)
    return checklist_for(
        meeting.place_kind,
        minutes=meeting.minutes,
        person_name=meeting.person_name,
        location=meeting.location,
        confirm_on=day_text(confirm_on),
        rules=rules,
    )
