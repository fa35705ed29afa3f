"""The rules of the due list, from every step, in the order ties are broken.

Each rule is declared beside its step's other rules (``infoview/<step>/due.py``) as a
:class:`~infoview.due.DueRule`; this tuple is the one place they are gathered. Earlier is
more pressing when two items fall due on the same day.

>>> [rule.id for rule in DUE_RULES][:3]
['location.time', 'location.confirm', 'after.thanks_email']
>>> due_rule("after.thanks_email").done
<TouchKind.THANK_YOU_EMAIL: 'thank_you_email'>
"""

from __future__ import annotations

from infoview.due import DueRule
from infoview.errors import InvalidChoiceError
from infoview.followup.due import KEEP_IN_TOUCH, REFERRAL, THANKS, UPDATE
from infoview.meeting.due import CONFIRMATION, MEETING_TODAY
from infoview.outreach.due import REMINDER, THREE_B_SEVEN

DUE_RULES: tuple[DueRule, ...] = (
    MEETING_TODAY,
    CONFIRMATION,
    THANKS,
    REMINDER,
    THREE_B_SEVEN,  # instead of REMINDER when an advisor switches 3B7 on
    REFERRAL,
    UPDATE,
    KEEP_IN_TOUCH,
)
_BY_ID = {rule.id: rule for rule in DUE_RULES}


def due_rule(rule_id: str) -> DueRule:
    """The due rule with this id; an unknown id is explained with the known ones."""
    try:
        return _BY_ID[rule_id]
    except KeyError:
        raise InvalidChoiceError("due rule", rule_id, list(_BY_ID)) from None
