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

from infoview.errors import InvalidChoiceError
from infoview.outreach import phrases as p
from infoview.rules import Finding, Policy, Review, Status, finding, policy
from infoview.text import plural

if TYPE_CHECKING:
    from infoview.drafts import Draft

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


ROLES = ("connection", "background", "relevance", "ask", "question", "logistics", "close")
# Where a sentence stands: the body, a P.S., or text after the name.
PARTS = ("body", "postscript", "after_signoff")
_TITLES = frozenset(
    [
        "dr",
        "dr.",
        "mr",
        "mr.",
        "ms",
        "ms.",
        "mrs",
        "mrs.",
        "prof",
        "prof.",
        "professor",
        "captain",
        "sergeant",
    ]
)
# The splitter is the kit's own: pysbd was measured at about 10 ms on a 300-word email,
# twice the whole review's budget, and it splits a P.S. and sign-off no better.
_PRONOUN = re.compile(r"\b(?:I|you|your|we|he|she|they|it|this|that)\b", re.I)
_REFERS_TO_THEM = re.compile(r"\b(?:you|your|yours|alum\w*|linkedin|directory|network)\b", re.I)
_IDENTITY = re.compile(
    r"\b(?:my name is|I am (?:a|an|the)\b|I['\u2019]m (?:a|an|the)\b|I am in\b|I['\u2019]m in\b)",
    re.I,
)
_I_DID = re.compile(
    r"\bI(?:['\u2019](?:ve|m)|\s+(?:have|am|had|also|now|currently|recently|still))*"
    r"(?:\s+\w+){0,1}?\s+(?:" + p.BACKGROUND_VERB.pattern + ")",
    re.I,
)
_MY_THING = re.compile(r"\bmy\s+(?:\w+\s+)?(?:" + p.BACKGROUND_NOUN.pattern + ")", re.I)
# "I coach ...", "Also, I ...": a statement by the writer that is not a wish or an offer.
_I_STATEMENT = re.compile(
    r"^(?:\w+,?\s+){0,3}?I\s+(?!(?:would|could|can|will|might|may|should|hope|want|wish|"
    r"plan|look|am hoping|am not|do not|don['\u2019]t|think|feel|believe|know)\b)\w+",
    re.I,
)
_SPEAKS = re.compile(r"\b(?:I|my)\b", re.I)
_I_NOT = re.compile(r"\bI(?:['\u2019]m| am| do| have)?\s*(?:not|n['\u2019]t)\b", re.I)


@dataclass(frozen=True)
class Sentence:
    """One sentence of an email, where it stands, and the roles it plays."""

    text: str
    part: str = "body"
    roles: frozenset[str] = frozenset()
    own_line: bool = False
    job_request: bool = False

    def has(self, role: str) -> bool:
        return role in self.roles


@dataclass(frozen=True)
class _Email:
    """An email body cut into the parts a reader notices."""

    sentences: tuple[Sentence, ...]
    greeting: str
    signoff: str
    signature: tuple[str, ...]
    words: int

    @property
    def body(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.part == "body")


def _looks_like_name(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 4
        and not line.rstrip().endswith((".", "?", "!", ":", ","))
        and (line[:1].isupper() or line.startswith("["))
    )


def _is_signature_line(line: str) -> bool:
    """A name, title, organisation or contact line under a sign-off."""
    return 0 < len(line.split()) <= 8 and not line.rstrip().endswith((".", "?", "!", ":"))


def _parse(body: str, via: str = "") -> _Email:
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    words = len(p.WORD.findall(text))
    lines = [line for line in text.split("\n") if not p.QUOTED.match(line)]
    greeting = ""
    for index, line in enumerate(lines):
        if line.strip():
            match = p.GREETING.match(line)
            if match:
                greeting = match.group(0).strip()
                lines[index] = line[match.end() :]
            break
    postscript: list[str] = []
    for index, line in enumerate(lines):
        if index and p.POSTSCRIPT.match(line):
            postscript = [p.POSTSCRIPT.sub("", line, count=1), *lines[index + 1 :]]
            lines = lines[:index]
            break
    signoff, signature, after = _signoff(lines)
    names = _via_names(via)
    sentences = (
        *_sentences(_body_lines(lines, signoff, signature), "body", names),
        *_sentences(postscript, "postscript", names),
        *_sentences(after, "after_signoff", names),
    )
    return _Email(sentences, greeting, signoff, signature, words)


def _signoff(lines: list[str]) -> tuple[str, tuple[str, ...], list[str]]:
    """The sign-off line, the signature under it, and any lines after the signature."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for i in reversed(filled[-10:]):
        if p.SIGNOFF.match(lines[i]):
            tail = [lines[j].strip() for j in filled if j > i]
            cut = next((k for k, line in enumerate(tail) if not _is_signature_line(line)), None)
            cut = len(tail) if cut is None else cut
            return lines[i].strip(), tuple(tail[:cut]), tail[cut:]
    if len(filled) > 1 and _looks_like_name(lines[filled[-1]].strip()):
        return "", (lines[filled[-1]].strip(),), []
    return "", (), []


def _body_lines(lines: list[str], signoff: str, signature: tuple[str, ...]) -> list[str]:
    """The lines above the sign-off (or above a bare name when there is no sign-off)."""
    stripped = [line.strip() for line in lines]
    if signoff:
        last = max(i for i, line in enumerate(stripped) if line == signoff)
        return lines[:last]
    if signature:
        last = max(i for i, line in enumerate(stripped) if line == signature[0])
        return lines[:last]
    return lines


def _via_names(via: str) -> re.Pattern[str] | None:
    """The friend's full name or any of its words that is not a title (Dr., Professor)."""
    words = [w for w in via.split() if w.lower() not in _TITLES and len(w) > 1]
    if not via:
        return None
    names = sorted(dict.fromkeys([via, *words]), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.I)


def _sentences(lines: list[str], part: str, names: re.Pattern[str] | None) -> list[Sentence]:
    """Sentences with their roles, joining lines that a hard wrap split in the middle of one."""
    chunks: list[tuple[str, bool]] = []
    current = ""
    for raw in lines:
        line = raw.strip()
        item = p.LIST_ITEM.match(line)
        if item or not line or line.endswith(":"):
            if current:
                chunks.append((current, False))
            current = ""
            if item:
                chunks.append((line[item.end() :], True))
            elif line:
                chunks.append((line, True))
        elif current and not current.endswith((".", "!", "?", ":")):
            current += " " + line
        else:
            if current:
                chunks.append((current, False))
            current = line
    if current:
        chunks.append((current, False))
    found: list[Sentence] = []
    for chunk, listed in chunks:
        parts = [s.strip() for s in p.SENTENCE_END.split(chunk) if s.strip()]
        own_line = listed or len(parts) == 1
        for text in parts:
            job = _is_job_request(text)
            roles = _roles(text, names, own_line=own_line, job=job)
            found.append(Sentence(text, part, roles, own_line, job))
    return found


def _roles(
    text: str, names: re.Pattern[str] | None, *, own_line: bool, job: bool
) -> frozenset[str]:
    """What a sentence does in the email (it may do several things)."""
    roles = set()
    if _is_connection(text, names):
        roles.add("connection")
    ask = job or _is_request(text)
    if ask:
        roles.add("ask")
    elif "?" in text:
        roles.add("question")
    if _is_background(text, own_line=own_line) and "?" not in text:
        roles.add("background")
    if p.RELATE.search(text):
        roles.add("relevance")
    if p.LOGISTICS.search(text):
        roles.add("logistics")
    if p.THANKS.search(text) and not ask:
        roles.add("close")
    if not roles and _I_STATEMENT.search(text) and not p.YOU.search(text):
        roles.add("background")  # a plain fact about the writer: "I also coach the chess club."
    return frozenset(roles)


def _is_connection(text: str, names: re.Pattern[str] | None) -> bool:
    if names is not None and names.search(text):
        return True
    return bool(p.REFERRAL.search(text)) or bool(
        _REFERS_TO_THEM.search(text) and p.FOUND.search(text)
    )


def _is_background(text: str, *, own_line: bool) -> bool:
    """A mini-CV line: a fact about the writer (I am a ..., I worked ..., my thesis ...)."""
    speaks = _SPEAKS.search(text)
    if speaks and _I_NOT.search(text) and not _IDENTITY.search(text):
        return False
    if speaks and (_IDENTITY.search(text) or _I_DID.search(text) or _MY_THING.search(text)):
        return True
    # A CV-style fragment on its own line ("Eight years teaching science in Leeds.")
    return (
        own_line
        and len(p.WORD.findall(text)) <= 14
        and not _PRONOUN.search(text)
        and not text.endswith(":")
        and not p.THANKS.search(text)
        and not p.PLACEHOLDER.search(text)
    )


def _is_request(sentence: str) -> bool:
    return bool(p.ASK_NOUN.search(sentence) and p.REQUEST.search(sentence))


def _is_job_request(sentence: str) -> bool:
    """True when what the sentence asks for is a job (not a word like "job" anywhere)."""
    if not (p.JOB_WORD.search(sentence) or p.JOB_REQUEST.search(sentence)):
        return False
    if p.NEGATION.search(sentence):
        return False
    text = p.JOB_DECOY.sub(" ", sentence)
    if p.JOB_REQUEST.search(text):
        return True
    asking = p.REQUEST.search(text) or re.search(r"\b(?:looking for|seeking)\b", text, re.I)
    return bool(asking) and any(
        not p.JOB_TOPIC.search(text[: m.start()]) for m in p.JOB_WORD.finditer(text)
    )


def _is_interview_question(sentence: Sentence) -> bool:
    return sentence.has("question") and not p.AVAILABILITY.search(sentence.text)


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
    recipient: str = ""

    def find(self, rule_id: str, status: Status, message: str, excerpt: str = "") -> Finding:
        return finding(self.rules, rule_id, status, message, excerpt)

    def number(self, rule_id: str, name: str) -> float:
        return self.rules[rule_id].number(name)

    @property
    def opening(self) -> tuple[Sentence, ...]:
        """The first two sentences that say something (a pleasantry does not count)."""
        return tuple(s for s in self.email.body if not p.PLEASANTRY.search(s.text))[:2]

    def with_role(self, role: str) -> list[Sentence]:
        """Every sentence (body, P.S. and after the name) that plays ``role``."""
        return [s for s in self.email.sentences if s.has(role)]


def _connection_first(c: _Context) -> Finding:
    rule, opening = "contact.connection_first", c.opening
    first = opening[0] if opening else Sentence("")
    second = opening[1] if len(opening) > 1 else Sentence("")
    who = c.via or ("your mutual friend" if c.route == "warm" else "how you found them")
    if c.route == "warm":
        # On the warm route the connection is the friend: named, or "X suggested I write".
        names = _via_names(c.via)
        named = [
            s
            for s in (first, second)
            if (names is not None and names.search(s.text)) or p.REFERRAL.search(s.text)
        ]
    else:
        named = [s for s in (first, second) if s.has("connection")]
    if named and named[0] is first:
        found = "the person who connected you" if c.route == "warm" else "how you found them"
        return c.find(rule, Status.PASS, f"You open with {found}.", first.text)
    if named and first.has("background"):
        return c.find(
            rule,
            Status.PASS,
            f"You introduce yourself, then name {who}: fine. Tip: Dalton opens with the "
            "connection itself, so it is the first thing they read.",
            second.text,
        )
    if c.route == "warm":
        return c.find(
            rule, Status.FAIL, f"Name {who} in your first sentence, before your story.", first.text
        )
    return c.find(
        rule,
        Status.WARN,
        "Open by saying how you found them (a talk, an article, a friend).",
        first.text,
    )


def _ask(c: _Context) -> Finding:
    rule = "contact.ask"
    job = next((s.text for s in c.email.sentences if s.job_request), "")
    if job:
        return c.find(
            rule, Status.FAIL, "This reads as a request for a job; ask for advice instead.", job
        )
    requests = [s.text for s in c.with_role("ask")]
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


def _synopsis(c: _Context) -> Finding:
    rule = "contact.synopsis"
    lines = [s.text for s in c.email.body if s.has("background")]
    placeholder = next((s.text for s in c.email.sentences if p.PLACEHOLDER.search(s.text)), "")
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
    return c.find(rule, Status.PASS, f"A mini-CV of {plural(len(lines), 'line')}.", lines[0])


def _relate(c: _Context) -> Finding:
    rule = "contact.relate"
    texts = [s.text for s in c.email.body]
    words = _topic_words(c.topic)
    if words:
        naming = [s for s in texts if _mentions(s, words)]
        linking = [s for s in naming if p.RELATE.search(s)]
        if naming:
            return c.find(
                rule, Status.PASS, "You tie your story to your topic.", (linking or naming)[0]
            )
        return c.find(
            rule, Status.FAIL, f"Say what you want to learn about: {c.topic} is never mentioned."
        )
    link = next((s.text for s in c.email.body if s.has("relevance")), "")
    if link:
        return c.find(rule, Status.PASS, "You tie your story to what you want to learn.", link)
    return c.find(rule, Status.WARN, "Say how your background links to what you hope to learn.")


def _no_questions(c: _Context) -> Finding:
    rule = "contact.no_questions"
    asked = [s for s in c.email.sentences if _is_interview_question(s)]
    allowed = int(c.number(rule, "max_questions"))
    if len(asked) > allowed:
        count = "1 interview question" if len(asked) == 1 else f"{len(asked)} interview questions"
        where = {"postscript": " (in your P.S.)", "after_signoff": " (after your name)"}
        return c.find(
            rule,
            Status.FAIL,
            f"{count}{where.get(asked[0].part, '')}: save them for the meeting.",
            asked[0].text,
        )
    return c.find(rule, Status.PASS, "No interview questions yet: good.")


def _about_them(c: _Context) -> Finding:
    rule = "contact.about_them"
    # The mini-CV is about you by design; the rest of the email is where they come first.
    text = " ".join(s.text for s in c.email.body if not s.has("background"))
    you = len(p.YOU.findall(text))
    me = len(p.ME.findall(text))
    counts = f"{you} you/your, {me} I/me/my outside your mini-CV"
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
    return c.find(rule, Status.PASS, f"{plural(words, 'word')} ({note} {ideal}).")


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


def _own_cv(sentence: str, kind: re.Pattern[str] = p.CV) -> bool:
    """True when the sentence speaks of the writer's CV (not the reader's portfolio)."""
    return any(not p.THEIR_CV.search(sentence[: m.start()]) for m in kind.finditer(sentence))


def _no_cv(c: _Context) -> Finding:
    rule = "contact.no_cv"
    mentions = [s.text for s in c.email.sentences if _own_cv(s.text)]
    # A link to your portfolio is fine; attaching it pushes it like a CV.
    samples = [s.text for s in c.email.sentences if _own_cv(s.text, p.WORK_SAMPLES)]
    attached = next((s for s in mentions + samples if p.ATTACH.search(s)), "")
    if attached:
        return c.find(rule, Status.FAIL, "Don't attach your CV; offer it only if asked.", attached)
    pushed = next((s for s in mentions if not p.OFFER.search(s)), "")
    if pushed:
        return c.find(rule, Status.WARN, "Leave the CV out unless they ask for it.", pushed)
    return c.find(rule, Status.PASS, "No CV pushed.")


def _close(c: _Context) -> Finding:
    rule, email = "contact.close", c.email
    signature = " ".join(email.signature)
    if not signature or p.PLACEHOLDER.search(signature):
        return c.find(rule, Status.FAIL, "Sign with your name under a polite close.", signature)
    tail = " ".join(s.text for s in email.body[-2:])
    if email.signoff or p.THANKS.search(tail) or p.THANKS.search(signature):
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


# The kinds whose greeting is addressed to the person in "To".
_GREETS_RECIPIENT = frozenset({"cold", "warm", "reminder", "accept", "intro_request"})
_SALUTATION = re.compile(
    r"^\s*(?:dear|hi|hello|hey|greetings|good (?:morning|afternoon|evening))\b", re.I
)
_NAME_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


def _greeting(c: _Context) -> Finding:
    rule, greeting = "contact.greeting", c.email.greeting
    named = [
        word
        for word in _NAME_WORD.findall(_SALUTATION.sub("", greeting))
        if word[0].isupper() and word.lower() not in _TITLES
    ]
    theirs = {word.casefold() for word in _NAME_WORD.findall(c.recipient)}
    if not named or not theirs or any(word.casefold() in theirs for word in named):
        return c.find(rule, Status.PASS, "The greeting fits the person it goes to.", greeting)
    return c.find(
        rule,
        Status.FAIL,
        f"The greeting names {' '.join(named)}, but this email goes to {c.recipient}.",
        greeting,
    )


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
    "contact.greeting": _greeting,
}


def review(
    draft: Draft,
    *,
    route: str | None = None,
    via: str | None = None,
    topic: str | None = None,
    rules: Policy | None = None,
    recipient: str | None = None,
) -> Review:
    """Check a draft against the ``contact.*`` rules that apply to its kind.

    ``route`` is ``"cold"`` or ``"warm"`` (by default read from the draft's kind), ``via`` the
    name of the friend on the warm route, ``topic`` what you want to learn about, ``recipient``
    the name of the person in "To" (given, the greeting is checked against it). Switched-off
    rules are skipped.
    """
    if route is None:
        route = "warm" if draft.kind in _WARM_KINDS else "cold"
    if route not in ROUTES:
        raise InvalidChoiceError("route", route, ROUTES)
    rules = rules if rules is not None else policy()
    via, topic = (via or "").strip(), (topic or "").strip()
    context = _Context(draft, _parse(draft.body, via), rules, route, via, topic, recipient or "")
    findings = tuple(
        _CHECKS[rule_id](context)
        for rule_id in RULES_FOR_KIND.get(draft.kind, _FIRST_EMAIL)
        if rules.enabled(rule_id)
    )
    greets = recipient is not None and draft.kind in _GREETS_RECIPIENT
    if greets and rules.enabled("contact.greeting"):
        findings += (_greeting(context),)
    return Review(findings=findings, title=f"Review of your {draft.label}")
