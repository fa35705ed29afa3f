"""Step 4, the day after: debrief the meeting, thank them, and keep in touch.

Every name here comes from a smaller module: ``debrief`` (the :class:`Debrief`, logging it,
gifts, the self-check), ``drafts`` (the thank-you email and card, updates, their review),
``due`` (what the due list asks after a meeting) and ``actions`` (a draft and "Done" for
each row of the due list).

>>> Referral.parse("Fatima Zahra, fatima@example.org").email
'fatima@example.org'
"""

from __future__ import annotations

from infoview.drafts import Draft
from infoview.followup.debrief import (
    Debrief,
    LoggedDebrief,
    Referral,
    debrief_on,
    future_meeting_message,
    latest_debrief,
    log_debrief,
    log_gift,
    prepared_questions,
    self_check,
)
from infoview.followup.drafts import (
    Card,
    keep_in_touch_email,
    review_thanks,
    thank_you_card,
    thank_you_email,
    update_email,
)
from infoview.followup.due import keep_in_touch_due, referrals_due, thanks_due, updates_due

__all__ = [
    "Card",
    "Debrief",
    "Draft",
    "LoggedDebrief",
    "Referral",
    "debrief_on",
    "future_meeting_message",
    "keep_in_touch_due",
    "keep_in_touch_email",
    "latest_debrief",
    "log_debrief",
    "log_gift",
    "prepared_questions",
    "referrals_due",
    "review_thanks",
    "self_check",
    "thank_you_card",
    "thank_you_email",
    "thanks_due",
    "update_email",
    "updates_due",
]
