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

Every name here is re-exported from smaller modules: ``outreach_draft`` (drafts and
builders), ``outreach_review`` (the review), ``outreach_send`` (export, logging,
self-check), ``outreach_targets`` (the LAMP list) and ``outreach_due`` (reminders).
"""

from __future__ import annotations

from infoview.outreach_draft import (
    Draft,
    DraftKind,
    accept_meeting,
    build_draft,
    cold_email,
    intro_request,
    introduction,
    reminder,
    warm_email,
)
from infoview.outreach_due import reminders_due, reminders_due_items
from infoview.outreach_review import review
from infoview.outreach_send import draft_for, last_sent, log_sent, save_eml, self_check
from infoview.outreach_targets import targets

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
