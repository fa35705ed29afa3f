"""The words of a question: filling its slots, and spotting one that asks for a job.

>>> fill_slots("How did you come to work as {role} at {company}?", company="Acme")
'How did you come to work in your role at Acme?'
>>> asks_for_job("Are there any openings on your team?")
'any openings'
"""

from __future__ import annotations

import re

FALLBACKS = {"company": "your organisation", "role": "your role", "field": "your field"}
_SLOT = re.compile(r"(\bas )?\{(\w+)\}")


def fill_slots(
    text: str, *, company: str | None = None, role: str | None = None, field: str | None = None
) -> str:
    """Put the person's details into a question; missing details read naturally.

    >>> fill_slots("What drew you to {field}?")
    'What drew you to your field?'
    >>> fill_slots("What does a week look like for you as {role}?", role="Head of Research")
    'What does a week look like for you as Head of Research?'
    """
    values = {"company": company, "role": role, "field": field}

    def replace(match: re.Match[str]) -> str:
        prefix, slot = match.group(1) or "", match.group(2)
        if slot not in values:
            return match.group(0)
        value = (values[slot] or "").strip()
        if value:
            return prefix + value
        if slot == "role" and prefix:
            return "in your role"
        return prefix + FALLBACKS[slot]

    return _SLOT.sub(replace, text)


_JOB_ASK = re.compile(
    r"""
    \b(?:hire|hiring|employ|recruit|take\s+on)\s+me\b
    | \btake\s+me\s+on\b
    | \b(?:job|position|role|post|vacancy|opening|place|internship)\s+for\s+me\b
    | \bany\s+(?:job\s+)?(?:openings?|vacanc(?:y|ies)|open\s+(?:positions?|roles?|jobs?)
        |jobs?\s+(?:going|available|open))\b
    | (?<=\bthere\s)(?:an?\s+|any\s+)?(?:jobs?|positions?|roles?|openings?|vacanc\w*
        |room|place|space)\s+(?:for\s+me|(?:on|in)\s+your\s+\w+|at\s+\w+)
    | \brefer\s+me\s+(?:for|to)\s+(?:a|an|the|any|your|this|that)?\s*
        (?:job|position|role|opening|vacancy|post|internship)s?\b
    | \brecommend\s+me\s+for\b
    | \b(?:put|say)\s+in\s+a\s+good\s+word\b | \ba\s+good\s+word\s+for\s+me\b
    | \b(?:pass|forward|send|give|hand)\s+(?:on\s+)?my\s+(?:cv|resume|résumé|application)\b
    | \b(?:are|is)\s+(?:\w+\s+){1,3}?hiring\b
        (?=\s*(?:[?.!,]|$|right\s+now|now\b|at\s+the\s+moment|currently|these\s+days|for\b))
    | \b(?:give|offer|find|get)\s+me\s+(?:a|an)\s+(?:job|position|role|interview|internship|post)\b
    | \bhelp\s+me\s+(?:get|find|land)\s+(?:a|an)\s+(?:job|position|role)\b
    | \bwork\s+for\s+you\b
    | \b(?:can|could|may|might)\s+i\s+(?:apply|get\s+(?:a|the)\s+(?:job|position|role))\b
    """,
    re.IGNORECASE | re.VERBOSE,
)


def asks_for_job(text: str) -> str:
    """The words that ask for a job, or "" when the question does not.

    An informational interview is for learning; asking for a job breaks the trust that
    got you the meeting.

    >>> asks_for_job("Who else would you suggest I talk to?")
    ''
    >>> asks_for_job("Could you refer me for a position on your team?")
    'refer me for a position'
    """
    plain = " ".join(text.replace("\u2019", "'").split())
    match = _JOB_ASK.search(plain)
    return match.group(0) if match else ""
