"""The emails around a meeting: the reply that lets them choose, and the confirmation.

When someone says yes, thank them and let them pick the time and the place (rule
``location.theirs``); suggest a place only if they ask you to.

>>> from infoview.model import Profile
>>> reply = scheduling_reply(Profile(name="Maya Okafor"), "Ana Ruiz")
>>> review_scheduling(reply).ok
True
>>> imposing = "Let's meet at the Station Café on Tuesday at 8."
>>> review_scheduling(imposing).status_of("location.theirs")
<Status.FAIL: 'fail'>
>>> review_scheduling("How about the café by your office?", they_asked=True).ok
True
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from infoview.model import Person, Profile
from infoview.places import place
from infoview.rules import Finding, Policy, Review, Status, finding, policy

if TYPE_CHECKING:
    from infoview.meeting import Meeting


@dataclass(frozen=True)
class Draft:
    """An email ready to copy into your mail app. Nothing is ever sent by the kit."""

    to: str
    cc: str
    subject: str
    body: str
    kind: str

    @property
    def words(self) -> int:
        return len(self.body.split())

    def __str__(self) -> str:
        head = [f"To: {self.to}"] + ([f"Cc: {self.cc}"] if self.cc else [])
        return "\n".join([*head, f"Subject: {self.subject}", "", self.body])

    def _repr_html_(self) -> str:
        cc = f"<div><strong>Cc:</strong> {html.escape(self.cc)}</div>" if self.cc else ""
        return (
            f'<div class="iv-draft" data-kind="{html.escape(self.kind)}">'
            f"<div><strong>To:</strong> {html.escape(self.to) or '<em>(their address)</em>'}</div>"
            f"{cc}<div><strong>Subject:</strong> {html.escape(self.subject)}</div>"
            f'<pre style="white-space:pre-wrap;font-family:inherit">{html.escape(self.body)}'
            "</pre></div>"
        )


def _name_and_email(person: Person | str) -> tuple[str, str]:
    if isinstance(person, Person):
        return person.name, person.email or ""
    return str(person).strip(), ""


def _first(name: str) -> str:
    return name.split(maxsplit=1)[0] if name.strip() else "there"


def scheduling_reply(
    profile: Profile,
    person: Person | str,
    *,
    they_asked_for_suggestion: bool = False,
    suggestion: str | None = None,
    minutes: int | None = None,
    rules: Policy | None = None,
) -> Draft:
    """A reply to their yes: thanks, and the time and place are theirs to choose.

    Only when they asked you to suggest somewhere does the draft propose ``suggestion``
    (by default, a café near their office), and it still leaves them free to change it.
    """
    rules = rules if rules is not None else policy()
    minutes = minutes if minutes is not None else int(rules["contact.ask"].number("minutes"))
    name, email = _name_and_email(person)
    if they_asked_for_suggestion:
        where = " ".join((suggestion or "a café near your office").split())
        choice = (
            f"You kindly asked me to suggest a place: how about {where}? If somewhere else "
            "is easier for you, I'm happy to change, and any time that suits you works for me."
        )
    else:
        choice = (
            "I'm happy to fit around you: please choose whatever time and place suits you "
            "best, whether that's your office, lunch or a coffee nearby, or a video or phone "
            "call. I'd be glad to come to you."
        )
    body = "\n\n".join(
        [
            f"Dear {_first(name)},",
            (
                "Thank you so much for agreeing to talk with me; I really appreciate you "
                "making the time."
            ),
            choice,
            (
                "If we meet over coffee or lunch, it's my treat. I'll keep to the "
                f"{minutes} minutes I asked for."
            ),
            f"With thanks,\n{profile.name or '(your name)'}",
        ]
    )
    return Draft(email, "", "Thank you! When and where suits you?", body, "scheduling")


# ---------------------------------------------------------------- the review

# A place chosen for them: always a problem unless they asked (then a softer warning).
_IMPOSE = (
    r"\blet'?s (?:meet|do it|have (?:lunch|coffee|a coffee)) (?:at|in|over)\b",
    r"\bmeet me (?:at|in|outside)\b",
    r"\bsee you at (?!a time|whatever|any)",
    r"\bi(?:'ve| have) (?:booked|reserved)\b",
    r"\bwe(?:'ll| will) meet (?:at|in)\b",
    r"\bthe meeting will be (?:at|in|held)\b",
    r"\bcome to (?:my|our) (?:office|place|house|flat|café|cafe)\b",
)
# A place offered as a suggestion: fine only when they asked for one.
_PROPOSE = (
    r"\bhow about (?!you\b|any\b|whatever\b)",
    r"\bwhat about (?:meeting|a coffee|coffee|lunch|the|at)\b",
    r"\bi (?:suggest|propose|recommend) (?:we|meeting|the|a)\b",
    r"\b(?:could|shall|should|can) we meet (?:at|in)\b",
    r"\bwhy don'?t we meet\b",
    r"\bwould (?!any\b|whatever\b)[\w' ,-]{1,40} (?:work|suit)\b",
)
# Words that hand the choice to them.
_CHOICE = (
    r"\bwherever\b",
    r"\bsuits you\b",
    r"\bworks (?:best )?for you\b",
    r"\bup to you\b",
    r"\byour (?:choice|call|preference)\b",
    r"\b(?:happy|glad) to come to you\b",
    r"\byou (?:choose|pick|decide)\b",
    r"\bplease choose\b",
    r"\bwhere you(?:'d| would) (?:like|prefer)\b",
    r"\bsomewhere else is easier\b",
)
_FOOD = r"\b(?:coffee|lunch|breakfast|dinner|drinks?|meal|café|cafe|tea)\b"
_PAY = (
    r"\bmy treat\b|\bon me\b|\bi(?:'ll| will| would|'d) (?:pay|buy|get|like to buy)\b"
    r"|\blet me (?:pay|buy|get)\b|\btreat you\b"
)
_LENGTH = r"\b\d+\s*-?\s*min|\bhalf an hour\b|\ban hour\b|\bquarter of an hour\b"


def _search(patterns: tuple[str, ...] | str, text: str) -> str:
    """The first matching sentence-ish excerpt, or an empty string."""
    for pattern in (patterns,) if isinstance(patterns, str) else patterns:
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            start = max(text.rfind(".", 0, match.start()) + 1, text.rfind("\n", 0, match.start()))
            end_candidates = [i for i in (text.find(".", match.end()), len(text)) if i >= 0]
            return text[start : min(end_candidates)].strip(" \n.")
    return ""


def review_scheduling(
    draft: Draft | str, *, they_asked: bool = False, rules: Policy | None = None
) -> Review:
    """Check a scheduling email: their place and time, you pay for food, you name the length."""
    rules = rules if rules is not None else policy()
    original = str(draft.subject + "\n" + draft.body) if isinstance(draft, Draft) else draft
    text = original.replace("\u2019", "'").replace("\u2018", "'")
    findings: list[Finding] = []
    imposed, proposed = _search(_IMPOSE, text), _search(_PROPOSE, text)
    offers_choice = bool(_search(_CHOICE, text))
    theirs = "location.theirs"
    if imposed and not they_asked:
        findings.append(
            finding(
                rules,
                theirs,
                Status.FAIL,
                "This picks the place for them; let them choose "
                "where and when, and offer to come to them.",
                imposed,
            )
        )
    elif imposed:
        findings.append(
            finding(
                rules,
                theirs,
                Status.WARN,
                "They asked you to suggest a place; put it as a "
                "suggestion they can change, not a booking.",
                imposed,
            )
        )
    elif proposed and not they_asked:
        findings.append(
            finding(
                rules,
                theirs,
                Status.FAIL,
                "Don't propose a place unless they asked you to: "
                "the person you interview chooses where they are comfortable.",
                proposed,
            )
        )
    elif proposed:
        findings.append(
            finding(
                rules,
                theirs,
                Status.PASS,
                "They asked you to suggest a place, so offering "
                "one is fine; you leave them room to change it.",
                proposed,
            )
        )
    elif offers_choice:
        findings.append(
            finding(rules, theirs, Status.PASS, "You leave the time and the place to them.")
        )
    else:
        findings.append(
            finding(
                rules,
                theirs,
                Status.WARN,
                "Say plainly that the time and place are theirs to "
                "choose, and offer to come to them.",
            )
        )
    food = _search(_FOOD, text)
    if food and not re.search(_PAY, text, re.IGNORECASE):
        findings.append(
            finding(
                rules,
                "location.pay",
                Status.WARN,
                "You mention food or coffee: say that you will pay.",
                food,
            )
        )
    else:
        findings.append(
            finding(
                rules,
                "location.pay",
                Status.PASS,
                "If you meet over food or coffee, you pay; the draft is clear about that."
                if food
                else "No food or coffee mentioned; if they pick a café or lunch, you pay.",
            )
        )
    if re.search(_LENGTH, text, re.IGNORECASE):
        findings.append(
            finding(rules, "location.time", Status.PASS, "You say how long you will take.")
        )
    else:
        findings.append(
            finding(
                rules,
                "location.time",
                Status.WARN,
                "Name the length you asked for (for example 20 minutes) and keep to it.",
            )
        )
    return Review(tuple(findings), title="Scheduling reply")


# ---------------------------------------------------------------- the confirmation

_WHERE = {
    "office": "at your office",
    "lunch": "over lunch",
    "coffee": "for coffee",
    "video": "on the video call",
    "phone": "by phone",
}


def confirmation_draft(meeting: Meeting, profile: Profile) -> Draft:
    """The short email that confirms the meeting, to send the day before (``location.confirm``)."""
    option = place(meeting.place_kind)
    start = meeting.start
    when = f"{start:%A} {start.day} {start:%B} at {start:%H:%M} ({meeting.tz})"
    location = " ".join(meeting.location.split())
    where = _WHERE[option.kind] + (f" ({location})" if location else "")
    if option.kind == "phone":
        arrive = "I'll be ready a couple of minutes early, somewhere quiet."
    elif option.kind == "video":
        arrive = "I'll join a couple of minutes early."
    else:
        arrive = "I'll arrive a few minutes early."
    body = "\n\n".join(
        [
            f"Dear {_first(meeting.person_name)},",
            f"Just a quick note to confirm our conversation tomorrow, {when}, {where}.",
            f"{arrive} I'll keep to the {meeting.minutes} minutes we agreed.",
            "If anything has changed, just let me know and I'll fit around you.",
            f"Looking forward to it,\n{profile.name or '(your name)'}",
        ]
    )
    subject = f"Confirming tomorrow: {start:%A} at {start:%H:%M}"
    return Draft(meeting.person_email or "", "", subject, body, "confirmation")
