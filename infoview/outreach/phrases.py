"""The phrases the reviews read sentences with, as compiled patterns (English).

The vocabulary lives in ``resources/rules.toml`` (``[review.phrases]``) so an advisor can grow
it without touching the checks; the patterns that shape a sentence (greeting, sign-off, list
item, sentence end) stay here.

>>> bool(ASK_NOUN.search("Would you have 20 minutes for a call?"))
True
>>> [bool(SIGNOFF.match(s)) for s in ("Thanks so much,", "Kind regards,", "Best wishes to Ana.")]
[True, True, False]
>>> bool(SIGNOFF.match("Thanks in advance for your time!"))
True
>>> bool(JOB_DECOY.search("a job well done")), bool(JOB_WORD.search("any openings?"))
(True, True)
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources


@cache
def _vocabulary() -> dict[str, list[str]]:
    text = resources.files("infoview.resources").joinpath("rules.toml").read_text("utf-8")
    phrases: dict[str, list[str]] = tomllib.loads(text)["review"]["phrases"]
    return phrases


def phrases(name: str) -> list[str]:
    """One list of ``[review.phrases]`` in rules.toml (``job_words``, ``found``, ...)."""
    return list(_vocabulary()[name])


def _pattern(phrase: str) -> str:
    """A phrase as a regular expression: spaces match any gap, an apostrophe either kind."""
    words = [re.escape(word) for word in phrase.rstrip("*").replace("'", "\u2019").split()]
    return r"\s+".join(words).replace("\u2019", "['\u2019]")


def matcher(name: str) -> re.Pattern[str]:
    """A case-blind pattern matching any phrase of one vocabulary list, as a whole word.

    Phrases share one pair of word boundaries, so the engine can scan quickly; a trailing
    ``*`` matches any ending (``recruit*`` matches recruiting).
    """
    groups: dict[str, list[str]] = {"whole": [], "wild": [], "loose": []}
    for phrase in sorted(phrases(name), key=len, reverse=True):
        if phrase.endswith("*"):
            kind = "wild"
        elif phrase[:1].isalnum() and phrase[-1:].isalnum():
            kind = "whole"
        else:
            kind = "loose"  # starts or ends with punctuation ('m a, c.v.)
        groups[kind].append(_pattern(phrase))
    shapes = {"whole": r"\b(?:{})\b", "wild": r"\b(?:{})\w*", "loose": "(?:{})"}
    parts = [shapes[kind].format("|".join(found)) for kind, found in groups.items() if found]
    return re.compile("|".join(parts), re.I)


def _words(items: list[str]) -> frozenset[str]:
    return frozenset(word.lower() for word in items)


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
    r"(?:\s+(?:so much|again|very much|a lot|in advance|truly|sincerely|"
    r"for (?:your|reading|considering|listening)[\w\s]{0,20})){0,2}\s*[,.!]?\s*$",
    re.I,
)
POSTSCRIPT = re.compile(r"^\s*p\.?\s*p?\.?\s*s\b\.?:?\s*", re.I)
LIST_ITEM = re.compile(r"^\s*(?:[-*\u2022\u2013]|\d{1,2}[.)])\s+")
QUOTED = re.compile(r"^\s*>")
PLACEHOLDER = re.compile(r"\[[^\]\n]{2,80}\]")
# A sentence ends at . ! ? (and any closing quote), unless the dot ends a title or initial.
SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bSt\.)(?<!\bMrs\.)(?<!\bProf\.)"
    r"(?<!\bvs\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\b[A-Z]\.)[\"'\u201d\u2019)]*\s+"
)
YOU = re.compile(r"\b(?:you|your|yours|yourself)\b", re.I)
ME = re.compile(r"\b[Ii]\b(?!\.)|\b(?:me|my|mine|myself)\b", re.I)
# The writer speaking of themselves: I, I'm, I've, my name, my (job, degree...).
FIRST_PERSON = re.compile(r"\bI\b|\bmy name\b|\bmy (?:degree|thesis|work|background)\b", re.I)
PLEASANTRY = re.compile(
    r"\bhope\b.{0,30}\b(?:well|good|great|fine|finds you)\b|\bhope this (?:email|note|message)\b",
    re.I,
)
NEGATION = re.compile(r"\b(?:not|no|never|nor)\b|n[\u2019']t\b", re.I)
RELATE = re.compile(
    r"\b(?:which is why|that is why|that's why|this is why|why i|draws me|drew me|led me|"
    r"leads me|brought me|so i|now i|hope to learn|hoping to learn|want to learn|like to learn|"
    r"learn more|curious|interested in|interests me|keen to|relates?|connects?|background|"
    r"moving into|move into|transition|switch into|carries over)\b",
    re.I,
)
AVAILABILITY = re.compile(r"\b(?:available|free|open to|willing to|up for)\b", re.I)
LENGTH = re.compile(
    r"\b(\d{1,3})[\s-]*(?:min(?:ute)?s?)\b|\b(half an hour|quarter of an hour|an hour|"
    r"one hour|two hours|brief|short|quick)\b",
    re.I,
)
THANKS = re.compile(r"\b(?:thank|thanks|grateful|appreciate|look forward|looking forward)\b", re.I)
LOGISTICS = re.compile(
    r"\b(?:whenever suits|at your convenience|happy to come|send my questions|any week|"
    r"by phone or|in person or|time that suits|time that works|fits your)\b",
    re.I,
)

FOUND = matcher("found")
REFERRAL = matcher("referral")
BACKGROUND_VERB = matcher("background_verbs")
BACKGROUND_NOUN = matcher("background_nouns")
ASK_NOUN = matcher("ask_nouns")
REQUEST = re.compile(matcher("ask_verbs").pattern + r"|\?\s*$", re.I)
JOB_WORD = matcher("job_words")
JOB_REQUEST = matcher("job_requests")
JOB_DECOY = matcher("job_decoys")
JOB_TOPIC = matcher("job_topics")
CV = matcher("cv")
WORK_SAMPLES = matcher("work_samples")
ATTACH = matcher("attach")
OFFER = matcher("offer")
ACT_ON_IT = matcher("act_on_it")
GENERIC_SUBJECT = _words(phrases("generic_subject"))
STOPWORDS = _words(phrases("stopwords"))
# Someone else's portfolio or CV (yours is the one that must not be pushed).
THEIR_CV = re.compile(r"\b(?:your|their|his|her|the studio's)\s+(?:\w+\s+)?$", re.I)
