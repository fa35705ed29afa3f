"""Step 1, making contact: drafts, their review, exports, logging, targets and reminders.

A draft is a value. Builders write one from your profile and a person, using the kit's
templates; :func:`review` coaches it against the ``contact.*`` rules; you can save it as an
``.eml`` file or open it through a ``mailto:`` link, and log it once it is sent.

>>> from infoview.model import Person, Profile
>>> me = Profile(name="Maya Okafor", email="maya@example.org", field="UX research",
...              synopsis="Eight years teaching science.\\nRan classroom studies.")
>>> ana = Person(id=1, name="Ana Ruiz", email="ana@example.org", company="Acme")
>>> draft = cold_email(me, ana, topic="UX research")
>>> draft.to, draft.subject
(('Ana Ruiz <ana@example.org>',), 'Learning about UX research at Acme')
>>> review(draft, topic="UX research").ok
True

Every name here is re-exported from smaller modules: ``draft`` (the builders; the
:class:`~infoview.drafts.Draft` value itself is shared by every step), ``review`` (the
review, with ``phrases``), ``send`` (export, logging, self-check), ``targets`` (the LAMP
list) and ``due`` (reminders).
"""

from __future__ import annotations

from infoview.drafts import Draft
from infoview.outreach.draft import (
    DraftKind,
    accept_meeting,
    build_draft,
    cold_email,
    intro_request,
    introduction,
    reminder,
    warm_email,
)
from infoview.outreach.due import reminders_due, reminders_due_items
from infoview.outreach.review import review
from infoview.outreach.send import draft_for, last_sent, log_sent, save_eml, self_check
from infoview.outreach.targets import targets

__all__ = [
    "Draft",
    "DraftKind",
    "accept_meeting",
    "build_draft",
    "cold_email",
    "draft_for",
    "intro_request",
    "introduction",
    "last_sent",
    "log_sent",
    "reminder",
    "reminders_due",
    "reminders_due_items",
    "review",
    "save_eml",
    "self_check",
    "targets",
    "warm_email",
]
