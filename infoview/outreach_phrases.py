"""The phrases the step 1 review looks for, as compiled patterns (English).

Kept apart from the checks so the vocabulary can grow without touching the logic.

>>> bool(ASK_NOUN.search("Would you have 20 minutes for a call?"))
True
>>> [bool(SIGNOFF.match(s)) for s in ("Thanks so much,", "Kind regards,", "Best wishes to Ana.")]
[True, True, False]
>>> text = "I am not asking for a job"
>>> bool(JOB.search(text)), bool(NEGATION.search(text))
(True, True)
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


WORD = re.compile(r"\w[\w'\u2019-]*")
GREETING = re.compile(
    r"^\s*(?:dear|hi|hello|hey|greetings|good (?:morning|afternoon|evening))\b"
    r"[^,!:\n]{0,40}[,!:]\s*",
    re.I,
)
SIGNOFF = re.compile(
    r"^\s*(?:(?:with|many|warm|warmest|kind|kindest|best|all the|my|thanks|thank you)\s+)*"
    r"(?:wishes|regards|thanks|thank you|cheers|sincerely|best|yours|gratefully|warmly|"
    r"respectfully|gratitude)"
    r"(?:\s+(?:so much|again|very much|in advance|truly|sincerely|"
    r"for (?:your|reading|considering|listening)[\w\s]{0,20}))?\s*[,.!]?\s*$",
    re.I,
)
PLACEHOLDER = re.compile(r"\[[^\]\n]{2,80}\]")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+")
YOU = re.compile(r"\b(?:you|your|yours|yourself)\b", re.I)
ME = re.compile(r"\b[Ii]\b(?!\.)|\b(?:me|my|mine|myself)\b", re.I)
PLEASANTRY = re.compile(
    r"\bhope\b.{0,30}\b(?:well|good|great|fine|finds you)\b|\bhope this (?:email|note|message)\b",
    re.I,
)
ASK_NOUN = re.compile(
    r"\b(?:conversation|chat|call|talk|coffee|meet|meeting|minutes?|speak|phone|video|zoom|"
    r"spare|time (?:to|for)|some time|introduc\w*|half an hour|quarter of an hour)\b",
    re.I,
)
REQUEST = re.compile(
    r"\b(?:would|could|might|may|can|will) (?:you|we|i)\b|\bwould it be possible\b|"
    r"\b(?:are|were) you (?:open|willing|available|free)\b|\bdo you have\b|"
    r"\bif you (?:have|had|could|can|are|were|would)\b|\b(?:grateful|love to|welcome)\b|"
    r"\bany chance\b|\bwilling\b|\bavailable\b|\?\s*$",
    re.I,
)
AVAILABILITY = re.compile(r"\b(?:available|free|open to|willing to|up for)\b", re.I)
LENGTH = re.compile(
    r"\b(\d{1,3})[\s-]*(?:min(?:ute)?s?)\b|\b(half an hour|quarter of an hour|an hour|"
    r"one hour|two hours|brief|short|quick)\b",
    re.I,
)
JOB = re.compile(
    r"\b(?:job|jobs|position|positions|vacanc\w+|opening|openings|hire|hiring|employ\w*|"
    r"apply|application|refer me|recruit\w*)\b",
    re.I,
)
NEGATION = re.compile(r"\b(?:not|no|never|nor)\b|n[\u2019']t\b", re.I)
RELATE = re.compile(
    r"\b(?:which is why|that is why|that's why|this is why|why i|draws me|drew me|led me|"
    r"leads me|brought me|so i|now i|hope to learn|hoping to learn|want to learn|like to learn|"
    r"learn more|curious|interested in|keen to|relates?|connects?|background|moving into|"
    r"move into|transition|switch into)\b",
    re.I,
)
# A sentence that only links your story to the topic is not part of the mini-CV.
LINK = re.compile(
    r"\b(?:which is why|that is why|that's why|this is why|draws me|drew me|led me|leads me|"
    r"brought me|(?:that|this|my) (?:background|path|experience) (?:is|has|made|makes|taught))\b",
    re.I,
)
REFERRAL = re.compile(
    r"\b(?:suggested|recommended|referred|introduced|pointed me|passed (?:on|along)|"
    r"mentioned|put me in touch|gave me your|told me)\b",
    re.I,
)
FOUND = re.compile(
    r"\b(?:found|came across|come across|read|saw|seen|heard|watched|listened|noticed|follow|"
    r"followed|met|fellow|alumn\w*|through|via|linkedin|your (?:talk|article|post|paper|blog|"
    r"podcast|profile|work|team|book|newsletter|session|panel))\b",
    re.I,
)
CV = re.compile(r"\b(?:cv|c\.v\.|r[ée]sum[ée]s?|curriculum vitae|portfolio)\b", re.I)
ATTACH = re.compile(
    r"\b(?:attach\w*|enclos\w*|please find|see my|have a look at my|take a look)\b", re.I
)
OFFER = re.compile(
    r"\b(?:happy to (?:send|share)|glad to (?:send|share)|can (?:send|share)|"
    r"if (?:you'?d|you would) like|if (?:it'?s|it is|that'?s|that is)? ?(?:useful|helpful)|"
    r"on request|should you want)\b",
    re.I,
)
THANKS = re.compile(r"\b(?:thank|thanks|grateful|appreciate|look forward|looking forward)\b", re.I)
# Subject words that say nothing about the person or the field.
GENERIC_SUBJECT = _words(
    "hello hi hey question questions quick request introduction intro informational "
    "interview meeting coffee chat greetings reaching out help connecting connect hoping a "
    "an the for with to your you advice time from me my call contact query enquiry inquiry"
)
STOPWORDS = _words(
    "and the for with about into from that this your their what how why who a an of in on "
    "at to or as by is are be"
)
