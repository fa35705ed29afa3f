"""Step 4's drafts: the thank-you email and its review, the card, updates and nudges.

Every builder works from the learner's profile, the person, and (where it helps) the
debrief of the meeting. Drafts are values: nothing is sent or stored until the learner
logs it.

>>> from infoview.model import Person, Profile
>>> from infoview.followup import Debrief
>>> me = Profile(name="Maya Okafor", email="maya@example.org")
>>> ben = Person(id=1, name="Ben Harlow", email="ben@example.org", company="Quillsoft")
>>> notes = Debrief(learned="research teams hire for curiosity", next_step="write two case studies")
>>> draft = thank_you_email(me, ben, notes)
>>> draft.to, draft.subject
(('Ben Harlow <ben@example.org>',), 'Thank you for your time, Ben')
>>> review_thanks(draft).summary()
'6 ok, 0 to check, 0 to fix'
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from infoview.drafts import Draft, address_of
from infoview.outreach.phrases import matcher
from infoview.rules import Finding, Policy, Review, Status, finding, policy

if TYPE_CHECKING:
    from infoview.followup.debrief import Debrief
    from infoview.model import Person, Profile

LEARNED_GAP = "[one specific thing you learned from them]"
ACT_GAP = "[what you will do with it]"
NEWS_GAP = "[one line of news: what you did and how it went]"
_GAP = re.compile(r"\[[^\]\n]{3,80}\]")
_WORD = re.compile(r"[\w'\u2019-]+")
_THANKS = re.compile(r"\b(thank|thanks|grateful|appreciat\w*)", re.IGNORECASE)
_SPECIFIC = re.compile(
    r"\b(learn\w*|you (mentioned|said|suggested|told|explained|described|recommended)|"
    r"your (advice|suggestion|point|story|tip)|stayed with me|struck me|stuck with me)\b",
    re.IGNORECASE,
)
# Acting on their advice: the phrases are data (``act_on_it`` in rules.toml).
_ACT = matcher("act_on_it")
_ATTACH = re.compile(r"\b(attach\w*|enclos\w*|my (CV|résumé|resume|portfolio))\b", re.IGNORECASE)
_GIFT = re.compile(r"\b(gift|present|voucher|hamper|bottle of)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Card:
    """The few lines for a handwritten thank-you card."""

    to_name: str
    text: str

    def __repr__(self) -> str:
        return f"Card for {self.to_name}:\n{self.text}"

    def _repr_html_(self) -> str:
        return (
            '<div class="iv-card" style="border:1px solid #999;padding:0.8em;max-width:28em">'
            f'<pre style="white-space:pre-wrap;font-family:inherit">{html.escape(self.text)}'
            "</pre></div>"
        )


def _sign(profile: Profile) -> str:
    return profile.name or "[your name]"


def _when(met_on: date | None, today: date | None) -> str:
    if met_on is None:
        return ""
    if today is not None and met_on == today:
        return " today"
    if today is not None and (today - met_on).days == 1:
        return " yesterday"
    return f" on {met_on.day} {met_on:%B}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _quoted(text: str) -> str:
    """A learner's note of what someone said, as a sentence: capital first, a full stop last.

    >>> _quoted("product managers spend most of their time listening")
    'Product managers spend most of their time listening.'
    """
    text = _sentence(" ".join(text.split()))
    return text[:1].upper() + text[1:]


def _learned_line(debrief: Debrief | None) -> str:
    if debrief and debrief.learned:
        return f"One thing that stayed with me: {_sentence(debrief.learned)}"
    if debrief and debrief.advice:
        return f"Your advice stayed with me: {_sentence(debrief.advice)}"
    return f"One thing that stayed with me: {LEARNED_GAP}"


def thank_you_email(
    profile: Profile,
    person: Person,
    debrief: Debrief | None = None,
    *,
    met_on: date | None = None,
    today: date | None = None,
) -> Draft:
    """A thank-you email: your appreciation, one thing you learned, what you will do with it.

    Gaps the debrief cannot fill are left in [brackets] for you (the review flags them).
    No attachment is mentioned unless the debrief says they asked for something.
    """
    next_step = debrief.next_step if debrief else ""
    where = f" about your work at {person.company}" if person.company else " about your work"
    lines = [
        f"Dear {person.first_name},",
        "",
        (
            f"Thank you for taking the time to talk with me{_when(met_on, today)}. I really "
            f"appreciated the chance to learn{where}."
        ),
        "",
        _learned_line(debrief),
        f"Here is what I will do with it: {_sentence(next_step) if next_step else ACT_GAP}",
    ]
    if debrief and debrief.referrals:
        names = " and ".join(r.name for r in debrief.referrals)
        lines += [
            "",
            f"Thank you also for suggesting I speak to {names}; I will get in touch soon.",
        ]
    if debrief and debrief.asked_for:
        lines += ["", f"As you asked, I have attached {debrief.asked_for.strip()}."]
    lines += [
        "",
        "Thank you again for your time and generosity.",
        "",
        "Best wishes,",
        _sign(profile),
    ]
    return Draft(
        to=address_of(person),
        subject=f"Thank you for your time, {person.first_name}",
        body="\n".join(lines),
        kind="thank_you_email",
    )


def thank_you_card(profile: Profile, person: Person, debrief: Debrief | None = None) -> Card:
    """A short card text to write by hand, on top of the email (``after.card``)."""
    learned = (debrief.learned or debrief.advice) if debrief else ""
    # What they said is a sentence of its own ("Product managers spend most of their time
    # listening"), not a topic: it follows a colon, it does not complete "what you said about".
    middle = (
        f"One thing you said has stayed with me: {_quoted(learned)}"
        if learned.strip()
        else "Your advice has stayed with me."
    )
    text = (
        f"Dear {person.first_name},\n\nThank you so much for your time and your advice. "
        f"{middle} I will let you know how I get on.\n\nWith warm thanks,\n{_sign(profile)}"
    )
    return Card(person.name, text)


def update_email(
    profile: Profile, person: Person, debrief: Debrief | None = None, *, news: str = ""
) -> Draft:
    """An update telling them you acted on their advice (``after.update``)."""
    advice = (debrief.advice or debrief.next_step) if debrief else ""
    said = f"you suggested: {_sentence(advice)}" if advice else "you gave me some advice."
    lines = [
        f"Dear {person.first_name},",
        "",
        f"When we talked, {said} I wanted to let you know how it went.",
        "",
        _sentence(news) if news.strip() else NEWS_GAP,
        "",
        "Thank you again for pointing me in that direction.",
        "",
        "Best wishes,",
        _sign(profile),
    ]
    subject = "A quick update, thanks to your advice"
    return Draft(to=address_of(person), subject=subject, body="\n".join(lines), kind="update")


def keep_in_touch_email(profile: Profile, person: Person, *, news: str = "") -> Draft:
    """A short keep-in-touch note: news from you, no request (``after.keep_in_touch``)."""
    where = f" at {person.company}" if person.company else ""
    lines = [
        f"Dear {person.first_name},",
        "",
        f"I hope all is well{where}. A short update from me:",
        "",
        _sentence(news) if news.strip() else NEWS_GAP,
        "",
        "Our conversation still shapes what I do, and I wanted you to know. No need to reply.",
        "",
        "Best wishes,",
        _sign(profile),
    ]
    subject = "News, and thanks again"
    return Draft(to=address_of(person), subject=subject, body="\n".join(lines), kind="update")


def referral_email(profile: Profile, person: Person, referrer: str) -> Draft:
    """A first email to someone you were pointed to, naming who pointed you first."""
    synopsis = " ".join(profile.synopsis_lines) or "[your three-line mini-CV]"
    topic = profile.field or "[the field you are exploring]"
    lines = [
        f"Dear {person.first_name},",
        "",
        f"{referrer} suggested I get in touch with you. {synopsis}",
        "",
        (
            f"I am learning about {topic}, and {referrer} said you would be a great person to "
            "hear from. Would you have 20 minutes for a short conversation about your work in "
            "the coming weeks? I would be glad to fit around you."
        ),
        "",
        "Thank you,",
        _sign(profile),
    ]
    subject = f"{referrer} suggested I get in touch"
    return Draft(to=address_of(person), subject=subject, body="\n".join(lines), kind="outreach")


def plain_draft(profile: Profile, person: Person, action: str, reason: str) -> Draft:
    """A simple starting point for an action that has no builder of its own yet."""
    lines = [
        f"Dear {person.first_name},",
        "",
        f"[{action}: {reason}]",
        "",
        "Best wishes,",
        _sign(profile),
    ]
    return Draft(to=address_of(person), subject=action, body="\n".join(lines), kind="note")


# ---------------------------------------------------------------- the review


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _check_gap(
    rules: Policy, rule_id: str, body: str, *, gap: str, found: bool, what: str
) -> Finding:
    if gap in body:
        return finding(rules, rule_id, Status.FAIL, f"Fill in the gap: {what}.", gap)
    status = Status.PASS if found else Status.WARN
    return finding(rules, rule_id, status, rules[rule_id].message)


def review_thanks(
    draft: Draft,
    *,
    debrief: Debrief | None = None,
    met_on: date | None = None,
    sent_on: date | None = None,
    rules: Policy | None = None,
) -> Review:
    """Check a thank-you against the ``after.*`` rules, like the outreach review does.

    >>> body = "Hi Ben, good chat. My CV is attached. Maya"
    >>> plain = Draft(subject="Hi", body=body, kind="thank_you_email")
    >>> for item in review_thanks(plain): print(item.status.value, item.rule)
    fail after.thanks_email
    warn after.specific
    warn after.act_on_it
    fail after.no_attachment
    pass after.no_gift
    pass after.thanks_short
    """
    rules = rules if rules is not None else policy()
    body = draft.body
    learned = (debrief.learned or debrief.advice) if debrief else ""
    key_words = [w.lower() for w in _WORD.findall(learned) if len(w) > 4]
    specific = bool(_SPECIFIC.search(body)) or any(w in body.lower() for w in key_words)
    found = [
        _thanks_finding(rules, body, met_on, sent_on),
        _check_gap(
            rules, "after.specific", body, gap=LEARNED_GAP, found=specific, what="what you learned"
        ),
        _check_gap(
            rules,
            "after.act_on_it",
            body,
            gap=ACT_GAP,
            found=bool(_ACT.search(body)),
            what="what you will do with it",
        ),
        _attachment_finding(rules, body, asked=bool(debrief and debrief.asked_for)),
    ]
    gift = _GIFT.search(body)
    excerpt = gift.group(0) if gift else ""
    status = Status.WARN if gift else Status.PASS
    found.append(finding(rules, "after.no_gift", status, rules["after.no_gift"].message, excerpt))
    found.append(_length(rules, body))
    gaps = [m.group(0) for m in _GAP.finditer(body) if m.group(0) not in (LEARNED_GAP, ACT_GAP)]
    if gaps:
        message = "Fill in the bracketed gaps before sending."
        found.append(finding(rules, "after.thanks_email", Status.FAIL, message, gaps[0]))
    return Review(findings=tuple(found), title="Thank-you review")


def _thanks_finding(rules: Policy, body: str, met_on: date | None, sent_on: date | None) -> Finding:
    rule = rules["after.thanks_email"]
    if not _THANKS.search(body):
        return finding(rules, rule.id, Status.FAIL, "Say thank you, in so many words.")
    if met_on and sent_on and (sent_on - met_on).days > rule.number("days_after"):
        late = f"You met on {met_on.isoformat()}: later than the day after, but still send it."
        return finding(rules, rule.id, Status.WARN, late)
    return finding(rules, rule.id, Status.PASS, rule.message)


def _attachment_finding(rules: Policy, body: str, *, asked: bool) -> Finding:
    attach = _ATTACH.search(body)
    if attach and not asked:
        message = "They did not ask for an attachment: leave it out."
        return finding(rules, "after.no_attachment", Status.FAIL, message, attach.group(0))
    return finding(rules, "after.no_attachment", Status.PASS, rules["after.no_attachment"].message)


def _length(rules: Policy, body: str) -> Finding:
    rule = rules["after.thanks_short"]
    words = _words(body)
    if words > rule.number("fail_words"):
        return finding(rules, rule.id, Status.FAIL, f"{words} words: cut it to a few warm lines.")
    if words > rule.number("warn_words"):
        return finding(
            rules, rule.id, Status.WARN, f"{words} words: shorter is kinder to a busy reader."
        )
    return finding(rules, rule.id, Status.PASS, f"{words} words: {rule.message}")
