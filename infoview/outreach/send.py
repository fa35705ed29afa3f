"""Step 1 actions: save a draft as ``.eml``, log it once sent, and check your own work.

Import these names from :mod:`infoview.outreach`.

>>> import tempfile, pathlib
>>> from infoview.tracker import open_tracker
>>> t = open_tracker(pathlib.Path(tempfile.mkdtemp()) / "t.sqlite")
>>> ana = t.add_person("Ana Ruiz", email="ana@example.org")
>>> draft = draft_for(t, "cold", ana, topic="UX research")
>>> log_sent(t, ana, draft, on=date(2026, 3, 2))
1
>>> t.journey(today=date(2026, 3, 3))["stage"].tolist()
['contacted']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infoview.drafts import Draft
from infoview.errors import InvalidChoiceError, InvalidValueError
from infoview.formats.email import split_address
from infoview.outreach.draft import TOUCH_FOR_KIND, WARM_KINDS, DraftKind, build_draft
from infoview.outreach.due import reminders_due
from infoview.outreach.review import review
from infoview.rules import Finding, Policy, Review, Status, finding, policy
from infoview.text import plural

if TYPE_CHECKING:
    from infoview.tracker import Tracker


def last_sent(tracker: Tracker, person_id: int) -> tuple[date | None, str]:
    """The day (local calendar) and subject of your last email or reminder to someone."""
    from infoview.clock import local_zone

    touches = tracker.touches(person_id)
    sent = touches[touches["kind"].isin(["outreach", "reminder", "introduced"])]
    if sent.empty:
        return None, ""
    last = sent.iloc[-1]
    subject = last["subject"] if isinstance(last["subject"], str) else ""
    return last["at"].tz_convert(local_zone()).date(), subject


def draft_for(
    tracker: Tracker,
    kind: str,
    person_id: int,
    *,
    friend_id: int | None = None,
    topic: str = "",
    found_via: str = "",
    rules: Policy | None = None,
) -> Draft:
    """A draft of ``kind`` for someone in the tracker, written from your profile.

    A reminder refers to the day and subject of your last email to them.
    """
    person = tracker.person(person_id)
    friend = tracker.person(friend_id) if friend_id is not None else None
    sent_on, previous = last_sent(tracker, person_id)
    return build_draft(
        kind,
        tracker.profile,
        person,
        friend=friend,
        topic=topic,
        found_via=found_via,
        sent_on=sent_on,
        previous_subject=previous,
        rules=rules,
    )


def save_eml(draft: Draft, name: str | None = None, *, folder: Path | None = None) -> Path:
    """Write the draft as ``drafts/<name>.eml`` in the workspace (never over an older file)."""
    from infoview.workspace import output_path, unused_path, write_atomic

    if name is None:
        who = split_address(draft.to[0])[0] or split_address(draft.to[0])[1] if draft.to else ""
        name = "-".join(part for part in (draft.kind, who) if part)
    path = unused_path(output_path("drafts", name, ".eml", folder=folder))
    return write_atomic(path, draft.eml())


def log_sent(
    tracker: Tracker,
    person_id: int,
    draft: Draft,
    *,
    route: str | None = None,
    via: int | None = None,
    on: date | None = None,
    rules: Policy | None = None,
) -> int:
    """Record that ``draft`` went out to (or, for an introduction, about) ``person_id``.

    Logs ``outreach``, ``intro_requested``, ``introduced`` or ``reminder`` with the draft's
    subject and body, and the route, the friend (``via``) and the draft kind as details.
    After the last reminder allowed, a further one is refused: never nag.
    """
    if draft.kind == DraftKind.ACCEPT:
        raise InvalidValueError(
            "a reply accepting a meeting is recorded as the meeting itself (notebook 03)"
        )
    if draft.kind not in TOUCH_FOR_KIND:
        raise InvalidChoiceError("draft kind", draft.kind, [k.value for k in TOUCH_FOR_KIND])
    kind = DraftKind(draft.kind)
    rules = rules if rules is not None else policy()
    person = tracker.person(person_id)
    route = route or ("warm" if via is not None or kind.value in WARM_KINDS else "cold")
    if route not in ("cold", "warm"):
        raise InvalidChoiceError("route", route, ("cold", "warm"))
    if kind.value in {"intro_request", "introduction"} and via is None:
        raise InvalidValueError(f"say which friend this {kind.label} involves (via=person id)")
    if via is not None and tracker.person(via).id == person.id:
        raise InvalidValueError("the friend and the person must be two different people")
    if kind is DraftKind.REMINDER and rules.enabled("contact.stop"):
        sent = tracker.touch_summary()
        mask = (sent["person_id"] == person.id) & (sent["kind"] == "reminder")
        limit = int(rules["contact.stop"].number("max_reminders"))
        if int(sent.loc[mask, "count"].sum()) >= limit:
            raise InvalidValueError(
                f"you have sent {person.name} {limit} reminders already; "
                "stop here and move on (contact.stop)"
            )
    details: dict[str, Any] = {"route": route, "draft": kind.value}
    if via is not None:
        details["via"] = int(via)
    return tracker.log(
        person.id,
        TOUCH_FOR_KIND[kind],
        on=on,
        channel="email",
        subject=draft.subject or None,
        body=draft.body or None,
        **details,
    )


# ---------------------------------------------------------------- self-check


def self_check(tracker: Tracker, today: date | None = None) -> Review:
    """Friendly feedback on your own step 1 work: profile, targets, first email, reminders."""
    rules = policy()
    found = []
    profile = tracker.profile
    if profile.synopsis_lines:
        found.append(finding(rules, "contact.synopsis", Status.PASS, "Your mini-CV is written."))
    else:
        found.append(
            finding(
                rules,
                "contact.synopsis",
                Status.FAIL,
                "Write your three-line mini-CV (notebook 00).",
            )
        )
    listed = len(tracker.targets())
    batch = int(rules["contact.targets"].number("first_batch"))
    status = Status.PASS if listed >= batch else Status.WARN
    found.append(
        finding(
            rules,
            "contact.targets",
            status,
            f"{plural(listed, 'target')} listed; aim for at least {batch}.",
        )
    )
    sent = tracker.touches()
    first = sent[sent["kind"].isin(["outreach", "intro_requested", "introduced"])]
    if first.empty:
        found.append(
            finding(
                rules,
                "contact.channel",
                Status.WARN,
                "No first email logged yet: press 'I sent it'.",
            )
        )
    else:
        found.append(
            finding(
                rules,
                "contact.channel",
                Status.PASS,
                f"{plural(len(first), 'first email')} logged.",
            )
        )
        found.extend(_last_email_findings(tracker, first.iloc[-1], rules))
    waiting = reminders_due(tracker, today, rules=rules)
    status = Status.WARN if len(waiting) else Status.PASS
    text = f"{plural(len(waiting), 'reminder')} due" if len(waiting) else "No reminders due"
    found.append(finding(rules, "contact.reminder", status, text + "."))
    return Review(findings=tuple(found), title="Step 1 self-check")


def _last_email_findings(tracker: Tracker, touch: Any, rules: Policy) -> Iterable[Finding]:
    body = touch["body"] if isinstance(touch["body"], str) else ""
    if not body:
        return []
    details = touch["details"] or {}
    kind = details.get("draft") or ("cold" if touch["kind"] == "outreach" else "intro_request")
    via_name = ""
    if details.get("via") is not None:
        via_name = tracker.person(int(details["via"])).name
    subject = touch["subject"] if isinstance(touch["subject"], str) else ""
    draft = Draft(subject=subject, body=body, kind=kind)
    result = review(draft, route=details.get("route"), via=via_name, rules=rules)
    name = tracker.person(int(touch["person_id"])).name
    return [
        replace(item, message=f"Your email to {name}: {item.message}")
        for item in result
        if item.status is not Status.PASS
    ]
