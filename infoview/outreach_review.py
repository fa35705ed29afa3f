"""The live review of a first email: every ``contact.*`` rule, as findings a learner can act on.

The checks read the email the way a busy reader would: the first sentence, the ask, the
lines about you, the questions, the length and the close. Where a finding comes from one
sentence, it quotes it. Import :func:`review` from :mod:`infoview.outreach`.

>>> from infoview.outreach import Draft
>>> body = "Hi Ana, what does a UX researcher do all day?"
>>> draft = Draft(to=("ana@example.org",), subject="Hi", body=body)
>>> result = review(draft)
>>> result.status_of("contact.no_questions"), result.status_of("contact.subject")
(<Status.FAIL: 'fail'>, <Status.FAIL: 'fail'>)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from infoview import outreach_phrases as p
from infoview.errors import InvalidChoiceError
from infoview.rules import Finding, Policy, Review, Status, finding, policy

if TYPE_CHECKING:
    from infoview.outreach import Draft

ROUTES = ("cold", "warm")
_WARM_KINDS = {"warm", "intro_request", "introduction"}
# Which rules apply to which kind of draft.
_FIRST_EMAIL = (
    "contact.connection_first",
    "contact.ask",
    "contact.synopsis",
    "contact.relate",
    "contact.no_questions",
    "contact.about_them",
    "contact.short",
    "contact.subject",
    "contact.no_cv",
    "contact.close",
)
RULES_FOR_KIND: dict[str, tuple[str, ...]] = {
    "cold": _FIRST_EMAIL,
    "warm": _FIRST_EMAIL,
    "intro_request": (
        "contact.intro_by_email",
        "contact.no_questions",
        "contact.short",
        "contact.subject",
        "contact.no_cv",
        "contact.close",
    ),
    "introduction": ("contact.intro_by_email", "contact.short", "contact.subject", "contact.close"),
    "reminder": (
        "contact.no_questions",
        "contact.short",
        "contact.subject",
        "contact.no_cv",
        "contact.close",
    ),
    "accept": ("contact.short", "contact.no_cv", "contact.close"),
}


@dataclass(frozen=True)
class _Email:
    """An email body cut into the parts a reader notices."""

    sentences: tuple[str, ...]
    greeting: str
    signoff: str
    signature: tuple[str, ...]
    words: int


def _looks_like_name(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 4
        and not line.rstrip().endswith((".", "?", "!", ":", ","))
        and (line[:1].isupper() or line.startswith("["))
    )


def _parse(body: str) -> _Email:
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    words = len(p.WORD.findall(text))
    lines = text.split("\n")
    greeting = ""
    for index, line in enumerate(lines):
        if line.strip():
            match = p.GREETING.match(line)
            if match:
                greeting = match.group(0).strip()
                lines[index] = line[match.end() :]
            break
    signoff = ""
    signature: tuple[str, ...] = ()
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for i in reversed(filled[-6:]):
        if p.SIGNOFF.match(lines[i]):
            signoff = lines[i].strip()
            signature = tuple(lines[j].strip() for j in filled if j > i)
            lines = lines[:i]
            break
    else:
        if filled and _looks_like_name(lines[filled[-1]].strip()) and len(filled) > 1:
            signature = (lines[filled[-1]].strip(),)
            lines = lines[: filled[-1]]
    return _Email(_sentences(lines), greeting, signoff, signature, words)


def _sentences(lines: list[str]) -> tuple[str, ...]:
    """Sentences, joining lines that a hard wrap split in the middle of one."""
    chunks: list[str] = []
    current = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            if current:
                chunks.append(current)
            current = ""
        elif current and not current.endswith((".", "!", "?", ":")) and line[:1].islower():
            current += " " + line
        else:
            if current:
                chunks.append(current)
            current = line
    if current:
        chunks.append(current)
    found: list[str] = []
    for chunk in chunks:
        found.extend(part.strip() for part in p.SENTENCE_END.split(chunk) if part.strip())
    return tuple(found)


def _is_request(sentence: str) -> bool:
    return bool(p.ASK_NOUN.search(sentence) and p.REQUEST.search(sentence))


def _is_question(sentence: str) -> bool:
    return "?" in sentence


def _is_interview_question(sentence: str) -> bool:
    return _is_question(sentence) and not (
        p.ASK_NOUN.search(sentence) or p.AVAILABILITY.search(sentence)
    )


def _topic_words(topic: str) -> list[str]:
    return [w.lower() for w in p.WORD.findall(topic) if len(w) > 1 and w.lower() not in p.STOPWORDS]


def _mentions(text: str, words: list[str]) -> bool:
    """True when ``text`` has a word starting with one of ``words`` (research, researcher)."""
    return any(re.search(rf"\b{re.escape(w)}", text, re.I) for w in words)


@dataclass(frozen=True)
class _Context:
    draft: Draft
    email: _Email
    rules: Policy
    route: str
    via: str
    topic: str

    def find(self, rule_id: str, status: Status, message: str, excerpt: str = "") -> Finding:
        return finding(self.rules, rule_id, status, message, excerpt)

    def number(self, rule_id: str, name: str) -> float:
        return self.rules[rule_id].number(name)

    @property
    def opening(self) -> str:
        """The first sentence that says something (a pleasantry does not count)."""
        for sentence in self.email.sentences:
            if not p.PLEASANTRY.search(sentence):
                return sentence
        return ""


def _connection_first(c: _Context) -> Finding:
    rule, first = "contact.connection_first", c.opening
    if c.route == "warm":
        names = [n for n in (c.via, c.via.split()[0] if c.via.split() else "") if n]
        named = any(re.search(rf"\b{re.escape(n)}\b", first, re.I) for n in names)
        if named or (not names and p.REFERRAL.search(first)):
            return c.find(rule, Status.PASS, "You open with the person who connected you.", first)
        who = c.via or "your mutual friend"
        return c.find(rule, Status.FAIL, f"Name {who} in your very first sentence.", first)
    if p.REFERRAL.search(first) or p.FOUND.search(first):
        return c.find(rule, Status.PASS, "You open with how you found them.", first)
    return c.find(
        rule,
        Status.WARN,
        "Open by saying how you found them (a talk, an article, a friend).",
        first,
    )


def _ask(c: _Context) -> Finding:
    rule = "contact.ask"
    for sentence in c.email.sentences:
        if p.JOB.search(sentence) and not p.NEGATION.search(sentence):
            return c.find(
                rule,
                Status.FAIL,
                "This reads as a request for a job; ask for advice instead.",
                sentence,
            )
    requests = [s for s in c.email.sentences if _is_request(s)]
    if not requests:
        return c.find(
            rule, Status.FAIL, "Ask plainly for a short conversation (say how many minutes)."
        )
    minutes = int(c.number(rule, "minutes"))
    longest = int(c.number(rule, "max_minutes"))
    for sentence in requests:
        for match in p.LENGTH.finditer(sentence):
            amount, phrase = match.group(1), (match.group(2) or "").lower()
            asked = (
                int(amount)
                if amount
                else {"an hour": 60, "one hour": 60, "two hours": 120}.get(phrase, minutes)
            )
            if asked > longest:
                return c.find(
                    rule,
                    Status.WARN,
                    f"Ask for about {minutes} minutes; {asked} is a lot.",
                    sentence,
                )
            return c.find(rule, Status.PASS, "Your ask is clear and short.", sentence)
    return c.find(
        rule, Status.WARN, f"Say how long you need: about {minutes} minutes.", requests[0]
    )


def _background(c: _Context) -> list[str]:
    """Sentences about the sender that are not the opening, the ask, the link or thanks."""
    first = c.opening
    return [
        s
        for s in c.email.sentences
        if s != first
        and not p.PLEASANTRY.search(s)
        and not _is_request(s)
        and not _is_question(s)
        and not p.LINK.search(s)
        and not p.THANKS.search(s)
        and not p.YOU.search(s)
    ]


def _synopsis(c: _Context) -> Finding:
    rule = "contact.synopsis"
    lines = _background(c)
    placeholder = next((s for s in c.email.sentences if p.PLACEHOLDER.search(s)), "")
    if placeholder:
        return c.find(
            rule, Status.FAIL, "Replace the [bracketed] text with your three lines.", placeholder
        )
    limit = int(c.number(rule, "max_lines"))
    if not lines:
        return c.find(rule, Status.FAIL, "Add a mini-CV: up to three short lines on who you are.")
    if len(lines) > limit:
        return c.find(
            rule,
            Status.FAIL,
            f"{len(lines)} sentences about your background; keep the mini-CV to {limit}.",
            lines[limit],
        )
    return c.find(rule, Status.PASS, f"A mini-CV of {len(lines)} line(s).", lines[0])


def _relate(c: _Context) -> Finding:
    rule = "contact.relate"
    words = _topic_words(c.topic)
    if words:
        naming = [s for s in c.email.sentences if _mentions(s, words)]
        linking = [s for s in naming if p.RELATE.search(s)]
        if naming:
            return c.find(
                rule, Status.PASS, "You tie your story to your topic.", (linking or naming)[0]
            )
        return c.find(
            rule, Status.FAIL, f"Say what you want to learn about: {c.topic} is never mentioned."
        )
    link = next((s for s in c.email.sentences if p.RELATE.search(s)), "")
    if link:
        return c.find(rule, Status.PASS, "You tie your story to what you want to learn.", link)
    return c.find(rule, Status.WARN, "Say how your background links to what you hope to learn.")


def _no_questions(c: _Context) -> Finding:
    rule = "contact.no_questions"
    asked = [s for s in c.email.sentences if _is_interview_question(s)]
    allowed = int(c.number(rule, "max_questions"))
    if len(asked) > allowed:
        count = "1 interview question" if len(asked) == 1 else f"{len(asked)} interview questions"
        return c.find(rule, Status.FAIL, f"{count}: save them for the meeting.", asked[0])
    return c.find(rule, Status.PASS, "No interview questions yet: good.")


def _about_them(c: _Context) -> Finding:
    rule = "contact.about_them"
    text = " ".join(c.email.sentences)
    you = len(p.YOU.findall(text))
    me = len(p.ME.findall(text))
    counts = f"{you} you/your, {me} I/me/my"
    if you >= me * c.number(rule, "min_ratio"):
        return c.find(rule, Status.PASS, f"More about them than you ({counts}).")
    if you >= me * c.number(rule, "fail_ratio"):
        return c.find(rule, Status.WARN, f"Turn a sentence towards them ({counts}).")
    return c.find(rule, Status.FAIL, f"Mostly about you ({counts}); talk about their work.")


def _short(c: _Context) -> Finding:
    rule, words = "contact.short", c.email.words
    ideal = int(c.number(rule, "ideal_words"))
    warn, fail = int(c.number(rule, "warn_words")), int(c.number(rule, "fail_words"))
    if words > fail:
        return c.find(
            rule, Status.FAIL, f"{words} words: cut below {warn} (Dalton aims under {ideal})."
        )
    if words > warn:
        return c.find(
            rule, Status.WARN, f"{words} words: aim for {warn} or fewer (Dalton: under {ideal})."
        )
    note = "under Dalton's" if words < ideal else "Dalton aims under"
    return c.find(rule, Status.PASS, f"{words} words ({note} {ideal}).")


def _subject(c: _Context) -> Finding:
    rule, subject = "contact.subject", c.draft.subject.strip()
    words = [w.lower() for w in p.WORD.findall(subject)]
    if not words or all(w in p.GENERIC_SUBJECT for w in words) or p.PLACEHOLDER.search(subject):
        return c.find(
            rule,
            Status.FAIL,
            "Write a subject that names their field or who referred you.",
            subject,
        )
    if len(words) < int(c.number(rule, "min_words")):
        return c.find(
            rule, Status.WARN, "A few more words would make the subject specific.", subject
        )
    hints = _topic_words(c.topic) + [w.lower() for w in p.WORD.findall(c.via)]
    first_email = c.draft.kind in {"cold", "warm"}
    if first_email and hints and not _mentions(subject, hints):
        return c.find(rule, Status.WARN, "Name the topic or the person who referred you.", subject)
    return c.find(rule, Status.PASS, "A specific subject line.", subject)


def _no_cv(c: _Context) -> Finding:
    rule = "contact.no_cv"
    for sentence in c.email.sentences:
        if p.CV.search(sentence):
            if p.ATTACH.search(sentence):
                return c.find(
                    rule, Status.FAIL, "Don't attach your CV; offer it only if asked.", sentence
                )
            if not p.OFFER.search(sentence):
                return c.find(
                    rule, Status.WARN, "Leave the CV out unless they ask for it.", sentence
                )
    return c.find(rule, Status.PASS, "No CV pushed.")


def _close(c: _Context) -> Finding:
    rule, email = "contact.close", c.email
    signature = " ".join(email.signature)
    if not signature or p.PLACEHOLDER.search(signature):
        return c.find(rule, Status.FAIL, "Sign with your name under a polite close.", signature)
    tail = " ".join(email.sentences[-2:])
    if email.signoff or p.THANKS.search(tail):
        return c.find(rule, Status.PASS, "A polite close and your name.", email.signoff or tail)
    return c.find(rule, Status.WARN, "Add a thank-you before your name.", signature)


def _intro_by_email(c: _Context) -> Finding:
    rule = "contact.intro_by_email"
    if c.draft.kind == "introduction":
        if len(c.draft.to) + len(c.draft.cc) >= 2:
            return c.find(rule, Status.PASS, "Both people are in the address fields of one email.")
        return c.find(rule, Status.FAIL, "Put both people in To and Cc of the same email.")
    body = c.draft.body
    if re.search(r"\bintroduc\w*", body, re.I) and re.search(
        r"\b(?:email|both of us)\b", body, re.I
    ):
        return c.find(rule, Status.PASS, "You ask for an introduction by email.")
    return c.find(rule, Status.WARN, "Ask for one email introducing you both, with both addresses.")


_CHECKS: dict[str, Callable[[_Context], Finding]] = {
    "contact.connection_first": _connection_first,
    "contact.ask": _ask,
    "contact.synopsis": _synopsis,
    "contact.relate": _relate,
    "contact.no_questions": _no_questions,
    "contact.about_them": _about_them,
    "contact.short": _short,
    "contact.subject": _subject,
    "contact.no_cv": _no_cv,
    "contact.close": _close,
    "contact.intro_by_email": _intro_by_email,
}


def review(
    draft: Draft,
    *,
    route: str | None = None,
    via: str | None = None,
    topic: str | None = None,
    rules: Policy | None = None,
) -> Review:
    """Check a draft against the ``contact.*`` rules that apply to its kind.

    ``route`` is ``"cold"`` or ``"warm"`` (by default read from the draft's kind), ``via`` the
    name of the friend on the warm route, ``topic`` what you want to learn about. Switched-off
    rules are skipped.
    """
    if route is None:
        route = "warm" if draft.kind in _WARM_KINDS else "cold"
    if route not in ROUTES:
        raise InvalidChoiceError("route", route, ROUTES)
    rules = rules if rules is not None else policy()
    context = _Context(
        draft, _parse(draft.body), rules, route, (via or "").strip(), (topic or "").strip()
    )
    findings = tuple(
        _CHECKS[rule_id](context)
        for rule_id in RULES_FOR_KIND.get(draft.kind, _FIRST_EMAIL)
        if rules.enabled(rule_id)
    )
    return Review(findings=findings, title=f"Review of your {draft.label}")
