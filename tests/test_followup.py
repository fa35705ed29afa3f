"""Step 4 core: the debrief, the thank-you email and card, their review, gifts, the self-check."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from infoview.clock import local_zone
from infoview.drafts import Draft
from infoview.due import due
from infoview.errors import InvalidChoiceError, InvalidValueError
from infoview.followup import (
    Debrief,
    Referral,
    latest_debrief,
    log_debrief,
    log_gift,
    prepared_questions,
    review_thanks,
    self_check,
    thank_you_card,
    thank_you_email,
    update_email,
)
from infoview.followup import debrief as debrief_module
from infoview.followup.actions import (
    done_kind,
    draft_for,
    mark_done,
    save_followups_calendar,
)
from infoview.followup.drafts import ACT_GAP, LEARNED_GAP, keep_in_touch_email
from infoview.model import Person, Profile, TouchKind
from infoview.rules import Status, policy
from infoview.tracker import Tracker

DAY = date(2026, 11, 25)
ME = Profile(name="Maya Okafor", email="maya@example.org", field="UX research")
BEN = Person(id=1, name="Ben Harlow", email="ben@example.org", company="Quillsoft")
PLAN = {"questions": [{"id": "q1", "text": "How did you start?"}, {"id": "q2", "text": "Advice?"}]}


def full_debrief(**changes: object) -> Debrief:
    values: dict[str, object] = {
        "notes": "Warm, busy.",
        "learned": "research teams hire for curiosity",
        "advice": "Write up two case studies",
        "next_step": "finish my first case study",
        "referrals": ("Fatima Zahra, fatima@example.org, Cobalt Bank",),
    }
    values.update(changes)
    return Debrief(**values)  # type: ignore[arg-type]


# ---------------------------------------------------------------- the debrief


def test_debrief_never_keeps_the_callers_objects() -> None:
    """Changing the dict passed in afterwards does not change the debrief."""
    answers = {"q1": "Started in support"}
    debrief = Debrief(answers=answers)
    answers["q1"] = "changed"
    assert debrief.answers == {"q1": "Started in support"}
    with pytest.raises(TypeError):
        debrief.answers["q2"] = "x"  # type: ignore[index]


def test_debrief_details_round_trip() -> None:
    """A debrief read back from its touch details equals the one stored."""
    debrief = full_debrief(answers={"q1": "via teaching"}, next_step_by=date(2026, 12, 20))
    again = Debrief.from_details(debrief.details())
    assert again.details() == debrief.details()
    assert debrief.details()["referrals"] == ["Fatima Zahra"]


def test_referral_parse() -> None:
    """A referral line gives name, email and company in any order after the name."""
    assert Referral.parse("Cleo Park, Atlas Maps, cleo@example.org") == Referral(
        "Cleo Park", "cleo@example.org", "Atlas Maps"
    )
    with pytest.raises(InvalidValueError):
        Referral.parse(" , ")


def test_log_debrief_stores_the_interview_touch(tracker: Tracker) -> None:
    """The debrief is the interview touch, with notes, answers, advice, next step, referrals."""
    ben = tracker.add_person("Ben Harlow")
    tracker.save_plan(ben, PLAN, title="Ben")
    saved = log_debrief(tracker, ben, full_debrief(answers={"q1": "via teaching"}), on=DAY)
    interview = tracker.touches(ben, kinds=["interview"]).iloc[0]
    assert interview["id"] == saved.touch_id
    details = interview["details"]
    assert details["answers"] == {"q1": "via teaching"}
    assert details["advice"] == "Write up two case studies"
    assert details["next_step"] == "finish my first case study"
    assert details["referrals"] == ["Fatima Zahra"]
    found = latest_debrief(tracker, ben)
    assert found is not None
    assert found[1] == DAY
    assert found[0].learned == "research teams hire for curiosity"


def test_referral_becomes_a_warm_person_introduced_by_them(tracker: Tracker) -> None:
    """Each referral is a new person, and a referral touch on the one who referred."""
    ben = tracker.add_person("Ben Harlow")
    saved = log_debrief(tracker, ben, full_debrief(), on=DAY)
    fatima = tracker.person(saved.referred[0])
    assert (fatima.name, fatima.email, fatima.company) == (
        "Fatima Zahra",
        "fatima@example.org",
        "Cobalt Bank",
    )
    assert (fatima.source.value, fatima.introduced_by, fatima.connected_on) == ("warm", ben, DAY)
    referral = tracker.touches(ben, kinds=["referral"]).iloc[0]["details"]
    assert referral == {"to": "Fatima Zahra", "person_id": fatima.id}


def test_referral_already_known_is_not_duplicated(tracker: Tracker) -> None:
    """A referral whose email is already in the tracker links to that person."""
    known = tracker.add_person("Fatima Z.", email="fatima@example.org")
    ben = tracker.add_person("Ben Harlow")
    saved = log_debrief(tracker, ben, full_debrief(), on=DAY)
    assert saved.referred == (known,)
    assert len(tracker.people()) == 2


def test_unknown_question_is_refused_and_nothing_stored(tracker: Tracker) -> None:
    """A note against a question not in the plan is refused; nothing is stored."""
    ben = tracker.add_person("Ben Harlow")
    tracker.save_plan(ben, PLAN)
    with pytest.raises(InvalidChoiceError, match="q9"):
        log_debrief(tracker, ben, full_debrief(answers={"q9": "?"}), on=DAY)
    assert tracker.touches().empty
    assert len(tracker.people()) == 1


def test_bad_referral_rolls_back_the_whole_debrief(tracker: Tracker) -> None:
    """If one referral cannot be added, the interview and other referrals are not stored."""
    ben = tracker.add_person("Ben Harlow")
    debrief = full_debrief(referrals=("Cleo Park", "Bad Email, not-an-email@"))
    with pytest.raises(InvalidValueError):
        log_debrief(tracker, ben, debrief, on=DAY)
    assert tracker.touches().empty
    assert tracker.people()["name"].tolist() == ["Ben Harlow"]


def test_merged_debrief_fills_in_and_keeps() -> None:
    """A later save replaces what it fills in, keeps what it leaves empty, unites the rest."""
    first = full_debrief(answers={"q1": "via teaching", "q2": "be curious"}, asked_for="a chat")
    later = Debrief(
        notes="",
        answers={"q2": "be curious and kind"},
        advice="Publish one case study",
        next_step_by=date(2026, 12, 20),
        referrals=("fatima  ZAHRA", "Dan Lee"),
    )
    both = first.merged(later)
    assert (both.notes, both.learned, both.advice, both.asked_for) == (
        "Warm, busy.",
        "research teams hire for curiosity",
        "Publish one case study",
        "a chat",
    )
    assert dict(both.answers) == {"q1": "via teaching", "q2": "be curious and kind"}
    assert both.next_step_by == date(2026, 12, 20)
    assert [r.name for r in both.referrals] == ["Fatima Zahra", "Dan Lee"]
    assert first.merged(Debrief()).details() == first.details()


def test_saving_twice_for_one_meeting_keeps_one_interview(tracker: Tracker) -> None:
    """A second save on the meeting's day merges into its touch; no referral is added twice."""
    ben = tracker.add_person("Ben Harlow")
    tracker.save_plan(ben, PLAN)
    first = log_debrief(tracker, ben, full_debrief(answers={"q1": "via teaching"}), on=DAY)
    evening = datetime(DAY.year, DAY.month, DAY.day, 21, 30, tzinfo=local_zone())
    later = Debrief(
        answers={"q2": "keep at it"},
        advice="Publish one case study",
        referrals=("fatima zahra", "Dan Lee, dan@example.org"),
    )
    second = log_debrief(tracker, ben, later, on=evening)
    interviews = tracker.touches(ben, kinds=["interview"])
    assert interviews["id"].tolist() == [first.touch_id] == [second.touch_id]
    assert interviews.iloc[0]["at"] == pd.Timestamp(datetime.combine(DAY, time(12), local_zone()))
    details = interviews.iloc[0]["details"]
    assert details["answers"] == {"q1": "via teaching", "q2": "keep at it"}
    assert (details["notes"], details["advice"]) == ("Warm, busy.", "Publish one case study")
    assert details["referrals"] == ["Fatima Zahra", "Dan Lee"]
    assert tracker.people()["name"].tolist() == ["Ben Harlow", "Fatima Zahra", "Dan Lee"]
    referrals = tracker.touches(ben, kinds=["referral"])["details"]
    assert [d["to"] for d in referrals] == ["Fatima Zahra", "Dan Lee"]
    assert (first.updated, second.updated, second.referred_names) == (False, True, ("Dan Lee",))
    assert repr(second).startswith("Debrief updated (touch")
    log_debrief(tracker, ben, later, on=DAY)  # and a third time changes nothing more
    assert len(tracker.touches(ben)) == 3
    assert tracker.touches(ben, kinds=["interview"]).iloc[0]["details"] == details


def test_the_meeting_day_is_your_calendar_day(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Times in any zone count by your local day: the same local day is the same meeting."""
    auckland = ZoneInfo("Pacific/Auckland")
    monkeypatch.setattr(debrief_module, "local_zone", lambda: auckland)
    ben = tracker.add_person("Ben Harlow")
    morning = datetime(2026, 11, 25, 9, 0, tzinfo=auckland)  # 24 November in UTC
    log_debrief(tracker, ben, Debrief(notes="morning"), on=morning)
    same = log_debrief(tracker, ben, Debrief(advice="x"), on=datetime(2026, 11, 25, 8, tzinfo=UTC))
    assert same.updated
    late = morning - timedelta(hours=10)  # 24 November, 23:00 in Auckland
    assert not log_debrief(tracker, ben, Debrief(notes="day before"), on=late).updated
    assert len(tracker.touches(ben, kinds=["interview"])) == 2
    naive = datetime(2026, 11, 25, 9, 0)  # noqa: DTZ001 - refused, as it should be
    with pytest.raises(InvalidValueError, match="no time zone"):
        log_debrief(tracker, ben, Debrief(notes="?"), on=naive)
    assert len(tracker.touches(ben)) == 2


def test_a_meeting_on_another_day_is_a_second_interview(tracker: Tracker) -> None:
    """Another day is another meeting; someone they referred before is not added again."""
    ben = tracker.add_person("Ben Harlow")
    first = log_debrief(tracker, ben, full_debrief(), on=DAY)
    week_later = DAY + timedelta(days=7)
    again = Debrief(notes="Second coffee.", referrals=("Fatima Zahra", "Dan Lee"))
    second = log_debrief(tracker, ben, again, on=week_later, today=week_later)
    interviews = tracker.touches(ben, kinds=["interview"])
    assert interviews["id"].tolist() == [first.touch_id, second.touch_id]
    assert [d["notes"] for d in interviews["details"]] == ["Warm, busy.", "Second coffee."]
    assert not second.updated
    assert tracker.people()["name"].tolist() == ["Ben Harlow", "Fatima Zahra", "Dan Lee"]
    assert second.referred == (first.referred[0], second.referred[1])
    assert len(tracker.touches(ben, kinds=["referral"])) == 3


def test_an_error_in_the_second_save_changes_nothing(tracker: Tracker) -> None:
    """If the second save fails, the first debrief, its people and touches stay as they were."""
    ben = tracker.add_person("Ben Harlow")
    tracker.save_plan(ben, PLAN)
    log_debrief(tracker, ben, full_debrief(answers={"q1": "via teaching"}), on=DAY)
    people, touches = tracker.people(), tracker.touches()
    bad = Debrief(notes="changed", referrals=("Dan Lee", "Bad Email, not-an-email@"))
    with pytest.raises(InvalidValueError):
        log_debrief(tracker, ben, bad, on=DAY)
    with pytest.raises(InvalidChoiceError, match="q9"):
        log_debrief(tracker, ben, Debrief(notes="changed", answers={"q9": "?"}), on=DAY)
    pd.testing.assert_frame_equal(tracker.people(), people)
    pd.testing.assert_frame_equal(tracker.touches(), touches)


def test_prepared_questions_tolerate_any_plan(tracker: Tracker) -> None:
    """Questions come from the latest plan; no plan or an odd plan gives none."""
    ben = tracker.add_person("Ben")
    assert prepared_questions(tracker, ben) == []
    tracker.save_plan(ben, {"title": "odd", "items": "not a list"})
    assert prepared_questions(tracker, ben) == []
    tracker.save_plan(ben, {"opening": [{"text": "Your story?"}], "questions": []})
    assert prepared_questions(tracker, ben) == [("1", "Your story?")]
    tracker.save_plan(ben, PLAN)
    assert prepared_questions(tracker, ben) == [("q1", "How did you start?"), ("q2", "Advice?")]


# ---------------------------------------------------------------- thanks


def test_thank_you_email_is_personal() -> None:
    """The email thanks them, names what you learned and what you will do with it."""
    draft = thank_you_email(ME, BEN, full_debrief(), met_on=DAY, today=DAY + timedelta(days=1))
    assert draft.to == ("Ben Harlow <ben@example.org>",)
    assert draft.kind == "thank_you_email"
    assert "Dear Ben," in draft.body
    assert "yesterday" in draft.body
    assert "research teams hire for curiosity" in draft.body
    assert "finish my first case study" in draft.body
    assert "Fatima Zahra" in draft.body
    assert "attach" not in draft.body.lower()
    assert draft.body.rstrip().endswith("Maya Okafor")
    assert review_thanks(draft, debrief=full_debrief()).ok


def test_thank_you_email_leaves_gaps_for_what_it_cannot_know() -> None:
    """Without a debrief the draft keeps bracketed gaps, and the review fails them."""
    draft = thank_you_email(ME, BEN)
    assert LEARNED_GAP in draft.body and ACT_GAP in draft.body
    review = review_thanks(draft)
    assert review.status_of("after.specific") is Status.FAIL
    assert review.status_of("after.act_on_it") is Status.FAIL
    assert not review.ok


def test_attachment_only_when_asked() -> None:
    """Mentioning an attachment fails unless they asked for one."""
    asked = full_debrief(asked_for="my portfolio link")
    draft = thank_you_email(ME, BEN, asked)
    assert "attached my portfolio link" in draft.body
    assert review_thanks(draft, debrief=asked).status_of("after.no_attachment") is Status.PASS
    assert review_thanks(draft).status_of("after.no_attachment") is Status.FAIL


@pytest.mark.parametrize(
    ("rule", "body", "status"),
    [
        ("after.thanks_email", "Hi Ben, good chat.", Status.FAIL),
        ("after.thanks_email", "Thank you, Ben.", Status.PASS),
        ("after.specific", "Thank you. Cheers.", Status.WARN),
        ("after.specific", "Thank you. You mentioned the guild.", Status.PASS),
        ("after.act_on_it", "Thank you.", Status.WARN),
        ("after.act_on_it", "Thank you. I will join the guild.", Status.PASS),
        ("after.no_gift", "Thank you. A small gift is on its way.", Status.WARN),
        ("after.no_gift", "Thank you.", Status.PASS),
        ("after.thanks_short", "Thank you. " * 80, Status.WARN),
        ("after.thanks_short", "Thank you. " * 130, Status.FAIL),
        ("after.thanks_email", "Thank you, [their first name].", Status.FAIL),
    ],
)
def test_review_rules_pass_and_fail(rule: str, body: str, status: Status) -> None:
    """Each thank-you rule has a passing and a failing example."""
    review = review_thanks(Draft(subject="Thanks", body=body, kind="thank_you_email"))
    assert status in {f.status for f in review if f.rule == rule}


def test_late_thanks_is_flagged_but_encouraged() -> None:
    """Sent two days after the meeting: a gentle warning, still worth sending."""
    draft = thank_you_email(ME, BEN, full_debrief())
    late = review_thanks(draft, met_on=DAY, sent_on=DAY + timedelta(days=2))
    assert late.status_of("after.thanks_email") is Status.WARN
    on_time = review_thanks(draft, met_on=DAY, sent_on=DAY + timedelta(days=1))
    assert on_time.status_of("after.thanks_email") is Status.PASS


def test_card_is_short_and_personal() -> None:
    """The card text is a few lines, to them, from you."""
    card = thank_you_card(ME, BEN, full_debrief())
    assert card.text.startswith("Dear Ben,")
    assert "One thing you said has stayed with me: Research teams hire for curiosity." in card.text
    assert "What you said about" not in card.text
    assert len(card.text.split()) < 60
    assert card.text.endswith("Maya Okafor")


def test_values_escape_their_html() -> None:
    """Names and notes typed by a learner are escaped when shown."""
    evil = Person(id=2, name="<img src=x onerror=alert(1)>", email=None)
    draft = thank_you_email(ME, evil, Debrief(learned="<script>x</script>"))
    assert "<img" not in draft._repr_html_() and "<script>" not in draft._repr_html_()
    assert "<script>" not in Debrief(notes="<script>x</script>")._repr_html_()
    assert "<img" not in thank_you_card(ME, evil)._repr_html_()


def test_update_and_keep_in_touch_drafts() -> None:
    """The update recalls their advice; the nudge asks for nothing."""
    update = update_email(ME, BEN, full_debrief(), news="I finished the case study")
    assert "Write up two case studies" in update.body
    assert "I finished the case study." in update.body
    nudge = keep_in_touch_email(ME, BEN)
    assert "Quillsoft" in nudge.body
    assert "?" not in nudge.body


# ---------------------------------------------------------------- gifts, done, self-check


def test_gift_is_logged_with_a_gentle_warning(tracker: Tracker) -> None:
    """Logging a gift stores it and warns, citing after.no_gift."""
    ben = tracker.add_person("Ben")
    warning = log_gift(tracker, ben, "a book", on=DAY)
    assert (warning.rule, warning.status, warning.excerpt) == (
        "after.no_gift",
        Status.WARN,
        "a book",
    )
    assert warning.source == "Guide"
    assert tracker.touches(ben)["kind"].tolist() == ["gift"]


def test_done_logs_the_matching_touch(tracker: Tracker) -> None:
    """Done logs the touch each rule is waiting for, with the draft's words."""
    assert done_kind("after.thanks_email") is TouchKind.THANK_YOU_EMAIL
    assert done_kind("after.keep_in_touch") is TouchKind.UPDATE
    assert done_kind("after.referral") is None  # logged its own way: a warm first email
    grace = tracker.add_person("Grace")
    cleo = tracker.add_person("Cleo", introduced_by=grace)
    item = {"person_id": cleo, "rule": "after.referral", "action": "Write to them"}
    draft, note = draft_for(tracker, item)
    assert note == ""
    assert draft.subject == "Grace suggested I get in touch"
    mark_done(tracker, item, draft=draft, on=DAY)
    touch = tracker.touches(cleo).iloc[0]
    assert (touch["kind"], touch["subject"]) == ("outreach", draft.subject)
    assert touch["details"]["via"] == grace


def test_action_without_a_builder_gets_a_plain_draft(tracker: Tracker) -> None:
    """An item whose rule has no draft of its own gets a plain draft and a note saying so."""
    ana = tracker.add_person("Ana", email="ana@example.org")
    item = {"person_id": ana, "rule": "location.time", "action": "Ask about X", "reason": "why"}
    draft, note = draft_for(tracker, item)
    assert draft.kind == "note"
    assert "Ask about X" in draft.body
    assert "no ready-made draft" in note


def test_an_item_of_an_unknown_rule_is_explained_and_changes_nothing(tracker: Tracker) -> None:
    ana = tracker.add_person("Ana", email="ana@example.org")
    item = {"person_id": ana, "rule": "custom.rule", "action": "Ask about X"}
    with pytest.raises(InvalidChoiceError, match="due rule must be one of"):
        draft_for(tracker, item)
    with pytest.raises(InvalidChoiceError, match="due rule must be one of"):
        mark_done(tracker, item, on=DAY)
    assert tracker.touches(ana).empty


def test_3b7_follow_up_gets_the_reminder_and_done_logs_one(tracker: Tracker) -> None:
    """The 3B7 follow-up is a reminder: its draft names the first email, Done logs a reminder."""
    rules = policy().switch("contact.3b7", on=True)
    ana = tracker.add_person("Ana Ruiz", email="ana@example.org")
    tracker.log(ana, "outreach", on=DAY - timedelta(days=14), subject="A question about UX")
    table = due(tracker, today=DAY, rules=rules)
    follow_up = table[table["action"].str.startswith("Follow up")].iloc[0].to_dict()
    assert follow_up["rule"] == "contact.3b7"
    draft, note = draft_for(tracker, follow_up, today=DAY)
    assert (draft.kind, note) == ("reminder", "")
    assert "A question about UX" in draft.body or "A question about UX" in draft.subject
    mark_done(tracker, follow_up, draft=draft, on=DAY)
    assert tracker.touches(ana)["kind"].tolist() == ["outreach", "reminder"]


def test_calendar_of_follow_ups(tracker: Tracker) -> None:
    """With the calendar writer installed, the follow-ups are saved as .ics; else None."""
    ben = tracker.add_person("Ben")
    tracker.log(ben, "interview", on=DAY)
    path = save_followups_calendar(tracker, DAY)
    try:
        import infoview.formats.ics  # noqa: F401
    except ModuleNotFoundError:
        assert path is None
    else:
        assert path is not None
        assert "BEGIN:VEVENT" in path.read_text()


def test_self_check_on_an_empty_tracker(tracker: Tracker) -> None:
    """With no meeting yet, the self-check says what to do, kindly."""
    review = self_check(tracker, today=DAY)
    assert [f.status for f in review] == [Status.WARN]
    assert "debrief" in review.findings[0].message


def test_self_check_after_the_day_after(tracker: Tracker) -> None:
    """Unthanked meetings fail; once thanked, it passes; a gift is noted."""
    ben = tracker.add_person("Ben")
    log_debrief(tracker, ben, full_debrief(referrals=()), on=DAY - timedelta(days=2))
    assert self_check(tracker, today=DAY).status_of("after.thanks_email") is Status.FAIL
    tracker.log(ben, "thank_you_email", on=DAY)
    log_gift(tracker, ben, "flowers", on=DAY)
    review = self_check(tracker, today=DAY)
    assert review.status_of("after.thanks_email") is Status.PASS
    assert review.status_of("after.no_gift") is Status.WARN
    assert review.status_of("after.keep_in_touch") is Status.PASS


@pytest.mark.parametrize(
    "line",
    [
        "I am excited to research the careers you recommended.",
        "Following your advice, I have applied to volunteer on Saturdays.",
        "I'm now looking into the evening course.",
    ],
)
def test_review_thanks_sees_acting_on_advice_in_other_words(line: str) -> None:
    """after.act_on_it passes for the ways people say they are acting on the advice."""
    body = f"Hi Ben,\n\nThank you for the call. Your tip stayed with me.\n\n{line}\n\nMaya"
    found = review_thanks(Draft(subject="Thank you", body=body, kind="thank_you_email"))
    assert found.status_of("after.act_on_it") is Status.PASS


def test_a_debrief_for_a_meeting_still_ahead_is_refused(tracker: Tracker) -> None:
    """A meeting six days ahead can't be debriefed yet: the message names its day; nothing kept."""
    ana = tracker.add_person("Ana Ruiz")
    today = date(2026, 12, 4)
    with pytest.raises(InvalidValueError) as raised:
        log_debrief(
            tracker,
            ana,
            Debrief(learned="x", referrals=("Cleo Park",)),
            on=date(2026, 12, 10),
            today=today,
        )
    assert str(raised.value) == "This meeting is on Thu 10 Dec; you can write the debrief after it."
    assert tracker.touches().empty
    assert tracker.people()["name"].tolist() == ["Ana Ruiz"]
    later = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)  # a time on a later day is refused too
    with pytest.raises(InvalidValueError, match="you can write the debrief after it"):
        log_debrief(tracker, ana, Debrief(learned="x"), on=later, today=today)
    logged = log_debrief(tracker, ana, Debrief(learned="x"), on=today, today=today)
    assert not logged.updated


def test_the_card_quotes_what_they_said_as_a_sentence() -> None:
    """What they said is quoted after a colon, never squeezed into "what you said about ..."."""
    said = Debrief(learned="product managers spend most of their time listening")
    card = thank_you_card(ME, BEN, said)
    assert (
        "One thing you said has stayed with me: Product managers spend most of their time "
        "listening." in card.text
    )
    assert "said about" not in card.text
