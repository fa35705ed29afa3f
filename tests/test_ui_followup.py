"""Step 4 widgets without a browser: set values, click, and look at the tracker and output."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from infoview.demo import open_demo
from infoview.tracker import Tracker
from infoview.ui.followup import DebriefForm, FollowUpBoard, ThanksComposer, urgency

TODAY = date(2026, 11, 26)


@pytest.fixture
def demo() -> Tracker:
    with open_demo(today=TODAY) as tracker:
        yield tracker


def row_for(board: FollowUpBoard, name: str, rule: str):  # type: ignore[no-untyped-def]
    return next(r for r in board.rows if r.item["name"] == name and r.item["rule"] == rule)


def option(picker, label_start: str) -> int:  # type: ignore[no-untyped-def]
    return next(value for label, value in picker.options if label.startswith(label_start))


def test_urgency_in_words() -> None:
    """Urgency is said in words, not only shown in colour."""
    assert urgency(3) == ("error", "3 days overdue")
    assert urgency(1) == ("error", "1 day overdue")
    assert urgency(0) == ("warn", "due today")
    assert urgency(-1) == ("info", "due tomorrow")
    assert urgency(-4) == ("info", "due in 4 days")


def test_board_shows_the_demo_due_list_with_overdue_in_words(demo: Tracker) -> None:
    """The demo board lists the thank-you due today and overdue follow-ups, in words."""
    board = FollowUpBoard(demo, today=TODAY)
    ben = row_for(board, "Ben Harlow", "after.thanks_email")
    assert "due today" in ben.label.value
    fatima = row_for(board, "Fatima Zahra", "after.referral")
    assert "3 days overdue" in fatima.label.value
    assert [item["overdue_days"] for item in board.items] == sorted(
        (item["overdue_days"] for item in board.items), reverse=True
    )
    assert "overdue" in board.summary.value


def test_draft_it_shows_the_thank_you_with_its_review(demo: Tracker) -> None:
    """Draft it opens the thank-you for that person, reviewed as you edit."""
    board = FollowUpBoard(demo, today=TODAY)
    row_for(board, "Ben Harlow", "after.thanks_email").draft_button.click()
    assert board.draft_box.layout.display is None
    assert board.body.value.startswith("Dear Ben,")
    assert "two case studies" in board.body.value
    assert "Thank-you review" in board.review.value
    assert 'data-rule="after.act_on_it" data-status="fail"' in board.review.value
    board.body.value = board.body.value.replace(
        "[what you will do with it]", "I will start the first case study this week."
    )
    assert 'data-rule="after.act_on_it" data-status="pass"' in board.review.value


def test_done_logs_the_touch_and_the_row_leaves(demo: Tracker) -> None:
    """Done logs the thank-you (with the edited draft) and the row leaves the board."""
    board = FollowUpBoard(demo, today=TODAY)
    row = row_for(board, "Ben Harlow", "after.thanks_email")
    row.draft_button.click()
    board.subject.value = "Thank you, Ben!"
    before = len(board.rows)
    row.done_button.click()
    assert len(board.rows) == before - 1
    assert not any(r.item["name"] == "Ben Harlow" for r in board.rows)
    ben = row.item["person_id"]
    last = demo.touches(ben).iloc[-1]
    assert (last["kind"], last["subject"]) == ("thank_you_email", "Thank you, Ben!")
    assert "Logged" in board.status.value
    assert board.draft_box.layout.display == "none"


def test_done_without_a_draft_still_logs(demo: Tracker) -> None:
    """Done on a row whose draft was never opened logs a plain touch."""
    board = FollowUpBoard(demo, today=TODAY)
    row = row_for(board, "Raj Patel", "after.keep_in_touch")
    row.done_button.click()
    assert demo.touches(row.item["person_id"]).iloc[-1]["kind"] == "update"
    assert not any(r.item["name"] == "Raj Patel" for r in board.rows)


def test_empty_board_is_friendly(tracker: Tracker) -> None:
    """With nothing due the board says so, and the debrief form says what to do first."""
    board = FollowUpBoard(tracker, today=TODAY)
    assert board.rows == []
    assert "Nothing due" in board.summary.value
    assert "Nobody in your tracker yet" in DebriefForm(tracker, today=TODAY).status.value


def test_board_escapes_names(tracker: Tracker) -> None:
    """A name with HTML in it is shown as text."""
    evil = tracker.add_person("<img src=x onerror=alert(1)>")
    tracker.log(evil, "interview", on=TODAY - timedelta(days=1))
    board = FollowUpBoard(tracker, today=TODAY)
    assert "<img" not in board.rows[0].label.value
    assert "&lt;img" in board.rows[0].label.value


def test_debrief_form_with_a_plan(tracker: Tracker) -> None:
    """Prepared questions get a notes box each; saving logs the interview and the referral."""
    ana = tracker.add_person("Ana Ruiz", email="ana@example.org")
    plan = {
        "questions": [{"id": "q1", "text": "How did you start?"}, {"id": "q2", "text": "Tips?"}]
    }
    tracker.save_plan(ana, plan)
    form = DebriefForm(tracker, today=TODAY)
    form.person.value = ana
    assert list(form.question_boxes) == ["q1", "q2"]
    form.question_boxes["q1"].value = "Through teaching"
    form.learned.value = "research is a team sport"
    form.next_step.value = "join the research guild"
    form.referrals.value = "Cleo Park, cleo@example.org\n"
    form.save.click()
    assert "Debrief saved" in form.status.value
    form.save.click()  # a second click does not log the meeting twice
    assert len(tracker.touches(ana, kinds=["interview"])) == 1
    assert form.save.disabled
    form.notes.value = "One more thing"
    assert not form.save.disabled
    details = tracker.touches(ana, kinds=["interview"]).iloc[0]["details"]
    assert details["answers"] == {"q1": "Through teaching"}
    assert details["referrals"] == ["Cleo Park"]
    cleo = tracker.find_people(email="cleo@example.org")
    assert cleo["introduced_by"].tolist() == [ana]
    board = FollowUpBoard(tracker, today=TODAY)
    assert {r.item["rule"] for r in board.rows} == {"after.thanks_email", "after.referral"}


def test_a_new_form_saving_the_same_meeting_adds_to_it(tracker: Tracker) -> None:
    """After a restart, a new form saving that day's meeting again merges into its debrief."""
    ana = tracker.add_person("Ana Ruiz")
    tracker.save_plan(
        ana, {"questions": [{"id": "q1", "text": "Start?"}, {"id": "q2", "text": "Tips?"}]}
    )
    form = DebriefForm(tracker, today=TODAY)
    form.person.value = ana
    form.question_boxes["q1"].value = "Through teaching"
    form.learned.value = "research is a team sport"
    form.referrals.value = "Cleo Park"
    form.save.click()
    again = DebriefForm(tracker, today=TODAY)  # the kernel restarted: a fresh, empty form
    again.person.value = ana
    again.question_boxes["q2"].value = "Write often"
    again.notes.value = "One more thing"
    again.referrals.value = "cleo park\nDan Lee, dan@example.org"
    again.save.click()
    assert "Debrief updated" in again.status.value
    assert "added to it" in again.status.value
    interviews = tracker.touches(ana, kinds=["interview"])
    assert len(interviews) == 1
    details = interviews.iloc[0]["details"]
    assert details["answers"] == {"q1": "Through teaching", "q2": "Write often"}
    assert (details["learned"], details["notes"]) == ("research is a team sport", "One more thing")
    assert tracker.people()["name"].tolist() == ["Ana Ruiz", "Cleo Park", "Dan Lee"]
    later = DebriefForm(tracker, today=TODAY)
    later.person.value = ana
    later.met_on.value = TODAY - timedelta(days=14)
    later.notes.value = "A second meeting"
    later.save.click()
    assert "Debrief saved" in later.status.value
    assert len(tracker.touches(ana, kinds=["interview"])) == 2


def test_a_new_form_shows_the_debrief_saved_for_that_meeting(tracker: Tracker) -> None:
    """Choosing a meeting already debriefed fills the boxes; another day's meeting clears them."""
    ana = tracker.add_person("Ana Ruiz")
    tracker.save_plan(ana, {"questions": [{"id": "q1", "text": "Start?"}]})
    first = DebriefForm(tracker, today=TODAY)
    first.person.value = ana
    first.question_boxes["q1"].value = "Through teaching"
    first.advice.value = "Write often"
    first.referrals.value = "Cleo Park, cleo@example.org"
    first.save.click()
    again = DebriefForm(tracker, today=TODAY)
    again.person.value = ana
    assert again.question_boxes["q1"].value == "Through teaching"
    assert (again.advice.value, again.referrals.value) == ("Write often", "Cleo Park")
    assert "saved before" in again.status.value
    again.met_on.value = TODAY - timedelta(days=3)
    assert (again.question_boxes["q1"].value, again.advice.value, again.referrals.value) == (
        "",
        "",
        "",
    )
    assert again.status.value == ""


def test_debrief_form_without_a_plan_and_its_errors(tracker: Tracker) -> None:
    """No plan: a note and free notes only. No person chosen: a warning, nothing stored."""
    form = DebriefForm(tracker, today=TODAY)
    form.save.click()
    assert "Choose the person" in form.status.value
    ana = tracker.add_person("Ana")
    form = DebriefForm(tracker, today=TODAY)
    form.person.value = ana
    assert form.question_boxes == {}
    assert "No question plan" in form.questions_intro.value
    form.referrals.value = "Bad, not-an-email@"
    form.save.click()
    assert "Problem" in form.status.value
    assert tracker.touches().empty


def test_thanks_composer_reviews_and_logs(demo: Tracker) -> None:
    """The composer drafts from the debrief, reviews edits, offers a card, and logs the send."""
    composer = ThanksComposer(demo, today=TODAY)
    ben = option(composer.person, "Ben Harlow")
    composer.person.value = ben
    assert "two case studies" in composer.body.value
    assert "1 to fix" in composer.review.value
    composer.body.value = composer.body.value.replace(
        "[what you will do with it]", "I will build the first one this month."
    )
    assert "0 to fix" in composer.review.value
    composer.card_button.click()
    assert "Dear Ben," in composer.card.value
    composer.sent.click()
    last = demo.touches(ben).iloc[-1]
    assert (last["kind"], last["channel"]) == ("thank_you_email", "email")
    assert "I will build the first one this month." in last["body"]
    assert "Thank-you logged" in composer.status.value
    composer.sent.click()
    assert len(demo.touches(ben, kinds=["thank_you_email"])) == 1


def test_refresh_picks_up_a_new_debrief(demo: Tracker) -> None:
    """After a debrief elsewhere, Refresh brings its thank-you onto the board."""
    board = FollowUpBoard(demo, today=TODAY)
    form = DebriefForm(demo, today=TODAY)
    form.person.value = option(form.person, "Ama Owusu")
    form.learned.value = "maps are research too"
    form.save.click()
    assert not any(
        r.item["rule"] == "after.thanks_email" for r in board.rows if r.item["name"] == "Ama Owusu"
    )
    board.refresh_button.click()
    ama = row_for(board, "Ama Owusu", "after.thanks_email")
    assert "due tomorrow" in ama.label.value
    ama.draft_button.click()
    assert "maps are research too" in board.body.value


def test_confirmation_row_uses_the_meeting_draft(demo: Tracker) -> None:
    """Draft it on a confirmation opens step 3's confirmation; Done confirms that meeting."""
    board = FollowUpBoard(demo, today=TODAY)
    row = row_for(board, "Chloé Martin", "location.confirm")
    row.draft_button.click()
    assert board.note.value == ""
    assert "confirm our conversation tomorrow" in board.body.value
    row.done_button.click()
    confirmed = demo.touches(row.item["person_id"], kinds=["confirmed"])
    assert len(confirmed) == 1
    assert "meeting_start" in confirmed.iloc[0]["details"]
    assert not any(r.item == row.item for r in board.rows)


def test_ics_of_follow_ups_is_saved(demo: Tracker) -> None:
    """The .ics button saves the upcoming follow-ups into the workspace."""
    board = FollowUpBoard(demo, today=TODAY)
    board.ics_button.click()
    assert "Saved" in board.status.value
    assert "follow-ups.ics" in board.status.value


def test_reminder_row_uses_the_outreach_reminder(demo: Tracker) -> None:
    """Draft it on a reminder opens step 1's reminder; Done logs the reminder."""
    board = FollowUpBoard(demo, today=TODAY)
    row = row_for(board, "Oscar Vidal", "contact.reminder")
    row.draft_button.click()
    assert board.note.value == ""
    assert board.subject.value.startswith("Re: ")
    row.done_button.click()
    assert demo.touches(row.item["person_id"]).iloc[-1]["kind"] == "reminder"
    assert not any(r.item == row.item for r in board.rows)


def test_debrief_form_shows_questions_by_number_and_text_never_ids(tracker: Tracker) -> None:
    """A plan's questions are numbered 1, 2 in the form; their ids never show."""
    ana = tracker.add_person("Ana Ruiz")
    plan = {
        "questions": [
            {"id": "story.path", "text": "How did you come to this work?"},
            {"id": "mine-f4a8f2fc", "text": "What is the hardest part of your week?"},
        ]
    }
    tracker.save_plan(ana, plan)
    form = DebriefForm(tracker, today=TODAY)
    form.person.value = ana
    shown = " ".join(box.children[0].value for box in form.questions.children)
    assert "1. How did you come to this work?" in shown
    assert "2. What is the hardest part of your week?" in shown
    assert "story.path" not in shown
    assert "mine-f4a8f2fc" not in shown
    form.learned.value = "Start small"
    form.referrals.value = "Cleo Park"
    form.save.click()
    assert "touch" not in form.status.value  # no internal ids in the message either
    assert "Cleo Park is now in your tracker" in form.status.value


def test_debrief_form_refuses_a_meeting_in_the_future(tracker: Tracker) -> None:
    """A debrief dated after today is refused, naming the day, and nothing is stored."""
    ana = tracker.add_person("Ana Ruiz")
    form = DebriefForm(tracker, today=TODAY)
    form.person.value = ana
    ahead = TODAY + timedelta(days=6)
    form.met_on.value = ahead
    expected = f"This meeting is on {ahead:%a} {ahead.day} {ahead:%b}"
    assert expected in form.status.value  # said as soon as the day is picked
    form.learned.value = "Something"
    form.referrals.value = "Cleo Park"
    form.save.click()
    assert expected + "; you can write the debrief after it." in form.status.value
    assert tracker.touches(ana).empty
    assert tracker.people()["name"].tolist() == ["Ana Ruiz"]
    form.met_on.value = TODAY
    form.save.click()
    assert "Debrief saved" in form.status.value
