"""The step 1 widgets without a browser: set values, click, check the tracker and the HTML."""

from __future__ import annotations

import email
from datetime import date
from email import policy as email_policy
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from infoview.tracker import Tracker, open_tracker
from infoview.ui.contact import OutreachComposer, RemindersDue, TargetList
from tests.test_ui_common import link_bytes

TWO_QUESTIONS = """Dear Ana,

I came across your talk at UX Leeds.
Eight years teaching science.

What does a typical day look like for you? How did you get into UX research?

Would you have 20 minutes for a call?

Thank you,
Maya Okafor
"""


@pytest.fixture
def tracker(tmp_path: Path) -> Tracker:
    t = open_tracker(tmp_path / "t.sqlite")
    t.set_profile(
        name="Maya Okafor",
        email="maya@example.org",
        field="UX research",
        synopsis="Eight years teaching science\nRan classroom studies",
    )
    return t


def finding_status(composer: OutreachComposer, rule: str) -> str:
    html = composer.review_out.value
    marker = f'data-rule="{rule}" data-status="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def add_ana(composer: OutreachComposer) -> None:
    composer.new_name.value = "Ana Ruiz"
    composer.new_email.value = "ana@example.org"
    composer.new_company.value = "Acme"
    composer.add_person.click()


# ---------------------------------------------------------------- composer


def test_an_empty_workspace_says_what_to_do(tmp_path: Path) -> None:
    """With nobody in the tracker the composer explains the next step and still shows."""
    composer = OutreachComposer(open_tracker(tmp_path / "empty.sqlite"))
    assert "Nobody in your tracker yet" in composer.hint.value
    assert "profile is empty" in composer.hint.value
    assert "application/vnd.jupyter.widget-view+json" in composer._repr_mimebundle_()


def test_adding_a_person_checks_the_email_offline(tracker: Tracker) -> None:
    """A bad address is refused inline and nothing is added; a good one is added and chosen."""
    composer = OutreachComposer(tracker)
    composer.new_name.value = "Ana Ruiz"
    composer.new_email.value = "ana@"
    composer.add_person.click()
    assert "not a valid email address" in composer.status.value
    assert tracker.people().empty
    composer.new_email.value = "ana@example.org"
    composer.add_person.click()
    (pid,) = tracker.people()["id"]
    assert composer.person.value == pid
    assert composer.body.value.startswith("Dear Ana,")
    assert "Ana Ruiz &lt;ana@example.org&gt;" in composer.addresses.value


def test_the_generated_draft_passes_its_review(tracker: Tracker) -> None:
    """A chosen person gets a cold email that has nothing to fix."""
    composer = OutreachComposer(tracker)
    add_ana(composer)
    composer.topic.value = "UX research"
    assert 'data-status="fail"' not in composer.review_out.value
    assert composer.subject.value == "Learning about UX research at Acme"


def test_the_review_follows_every_edit(tracker: Tracker) -> None:
    """Two interview questions fail contact.no_questions; removing them makes it pass."""
    composer = OutreachComposer(tracker)
    add_ana(composer)
    composer.body.value = TWO_QUESTIONS
    assert finding_status(composer, "contact.no_questions") == "fail"
    assert "2 interview questions" in composer.review_out.value
    composer.body.value = TWO_QUESTIONS.replace(
        "What does a typical day look like for you? How did you get into UX research?\n\n", ""
    )
    assert finding_status(composer, "contact.no_questions") == "pass"


def test_everything_typed_is_escaped(tracker: Tracker) -> None:
    """Markup in a name, the subject or the body never reaches the HTML unescaped."""
    tracker.add_person("<img src=x onerror=alert(1)>", email="x@example.org", company="<b>Co</b>")
    composer = OutreachComposer(tracker)
    composer.person.value = int(tracker.people()["id"].iloc[0])
    composer.subject.value = "<script>alert(1)</script>"
    composer.body.value = "<img src=y onerror=alert(2)> what is your day like?"
    for html in (
        composer.review_out.value,
        composer.addresses.value,
        composer.hint.value,
        composer.mail_link.value,
        composer.stage.value,
    ):
        assert "<img" not in html
        assert "<script" not in html
        assert "<b>Co" not in html


def test_i_sent_it_logs_the_touch_and_changes_the_stage(tracker: Tracker) -> None:
    """The click stores an outreach touch with the edited text, and the badge moves on."""
    composer = OutreachComposer(tracker)
    add_ana(composer)
    assert 'data-stage="identified"' in composer.stage.value
    composer.body.value = composer.body.value.replace("Best wishes", "Warm wishes")
    composer.sent_button.click()
    touches = tracker.touches()
    assert list(touches["kind"]) == ["outreach"]
    assert "Warm wishes" in touches["body"].iloc[0]
    assert touches["details"].iloc[0] == {"route": "cold", "draft": "cold"}
    assert 'data-stage="contacted"' in composer.stage.value
    assert composer.sent_button.disabled
    composer.sent_button.click()  # a double click does not log twice
    assert len(tracker.touches()) == 1


def test_i_sent_it_without_a_person_asks_for_one(tracker: Tracker) -> None:
    """Nothing is logged until the email has a person."""
    composer = OutreachComposer(tracker)
    composer.body.value = TWO_QUESTIONS
    composer.sent_button.click()
    assert "Choose the person" in composer.status.value
    assert tracker.touches().empty


def test_save_eml_shows_the_path_inside_the_workspace(tracker: Tracker, tmp_path: Path) -> None:
    """The .eml is written to the drafts folder, its path shown and a link offers it."""
    composer = OutreachComposer(tracker)
    add_ana(composer)
    composer.save_button.click()
    (path,) = (tmp_path / "workspace" / "drafts").glob("*.eml")
    assert str(path.resolve()) in composer.status.value
    parsed = email.message_from_bytes(path.read_bytes(), policy=email_policy.default)
    assert parsed["Subject"] == composer.subject.value
    assert link_bytes(composer.eml_link.value) == path.read_bytes()
    assert f'download="{path.name}"' in composer.eml_link.value


def test_the_mail_link_carries_the_current_draft(tracker: Tracker) -> None:
    """'Open in mail app' is a mailto: link with the edited subject and body."""
    composer = OutreachComposer(tracker)
    add_ana(composer)
    composer.subject.value = "UX research & a short call"
    html = composer.mail_link.value
    href = html.split('href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    assert parts.path == "ana@example.org"
    fields = parse_qs(parts.query)
    assert fields["subject"] == ["UX research & a short call"]
    assert fields["body"][0].startswith("Dear Ana,\r\n")


def test_the_warm_route_asks_a_friend(tracker: Tracker) -> None:
    """Warm: choose the friend, the draft goes to them, and 'I sent it' logs the intro request."""
    bo = tracker.add_person("Bo Chen", email="bo@example.org", company="Acme")
    ana = tracker.add_person("Ana Ruiz", email="ana@example.org", company="Acme")
    composer = OutreachComposer(tracker)
    composer.person.value = ana
    assert "You know Bo Chen at Acme" in composer.hint.value
    composer.route.value = "warm"
    assert composer.kind.value == "intro_request"
    assert "Pick the friend" in composer.hint.value
    composer.friend.value = bo
    assert composer.draft.to == ("Bo Chen <bo@example.org>",)
    composer.sent_button.click()
    touch = tracker.touches(ana).iloc[0]
    assert touch["kind"] == "intro_requested"
    assert touch["details"]["via"] == bo
    assert 'data-stage="asked for intro"' in composer.stage.value


def test_edits_are_kept_when_the_inputs_change(tracker: Tracker) -> None:
    """Changing the topic keeps edited text; 'Start again' brings the template back."""
    composer = OutreachComposer(tracker)
    add_ana(composer)
    composer.body.value = "My own words.\n\nMaya"
    composer.topic.value = "service design"
    assert composer.body.value == "My own words.\n\nMaya"
    assert "edits are kept" in composer.status.value
    composer.restart.click()
    assert "service design" in composer.body.value


def test_a_third_reminder_is_refused_in_the_widget(tracker: Tracker) -> None:
    """The composer shows the never-nag rule instead of logging a third reminder."""
    ana = tracker.add_person("Ana Ruiz", email="ana@example.org")
    for kind in ("outreach", "reminder", "reminder"):
        tracker.log(ana, kind)
    composer = OutreachComposer(tracker)
    composer.person.value = ana
    composer.kind.value = "reminder"
    composer.sent_button.click()
    assert "contact.stop" in composer.status.value
    assert len(tracker.touches()) == 3


# ---------------------------------------------------------------- target list


def test_the_target_list_starts_empty_and_friendly(tracker: Tracker) -> None:
    """No targets: the table says what to do."""
    widget = TargetList(tracker)
    assert "No targets yet" in widget.table.value


def test_adding_and_rescoring_targets(tracker: Tracker) -> None:
    """Add targets, see them ranked with introducers, then change a score."""
    tracker.add_person("Bo Chen", company="Acme")
    widget = TargetList(tracker)
    widget.organisation.value = "Lumen"
    widget.motivation.value = 2
    widget.add.click()
    widget.organisation.value = "Acme"
    widget.motivation.value = 3
    widget.posting.value = True
    widget.add.click()
    ranked = tracker.targets()
    assert list(ranked["organisation"]) == ["Lumen", "Acme"]
    table = widget.table.value
    assert table.index("Acme") < table.index("Lumen")
    assert "Bo Chen" in table
    assert "★ first batch" in table
    lumen = int(ranked["id"].iloc[0])
    widget.pick.value = lumen
    widget.motivation.value = 3
    widget.posting.value = True
    widget.advocacy.value = True
    widget.save.click()
    assert int(tracker.targets().set_index("id").loc[lumen, "motivation"]) == 3
    assert widget.table.value.index("Lumen") < widget.table.value.index("Acme")


def test_an_empty_organisation_is_refused_inline(tracker: Tracker) -> None:
    """The error shows in the widget and nothing is stored."""
    widget = TargetList(tracker)
    widget.add.click()
    assert "organisation must not be empty" in widget.status.value
    assert tracker.targets().empty


def test_target_names_are_escaped(tracker: Tracker) -> None:
    """An organisation called <script> is shown as text."""
    widget = TargetList(tracker)
    widget.organisation.value = "<script>alert(1)</script>"
    widget.add.click()
    assert "<script>" not in widget.table.value
    assert "&lt;script&gt;" in widget.table.value


# ---------------------------------------------------------------- reminders


def test_the_reminder_table_is_friendly_when_empty(tracker: Tracker) -> None:
    """Nobody waiting: the table says so."""
    assert "Nobody is waiting" in RemindersDue(tracker).table.value


def test_the_reminder_table_lists_who_is_due_and_switches_rhythm(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A person written to 20 days ago is listed; 3B7 changes the suggested action."""
    monkeypatch.setenv("INFOVIEW_TODAY", "2026-03-22")
    ana = tracker.add_person("Ana <b>Ruiz</b>", company="Acme")
    tracker.log(ana, "outreach", on=date(2026, 3, 2))
    widget = RemindersDue(tracker)
    assert "Send a friendly reminder" in widget.table.value
    assert "Ana &lt;b&gt;Ruiz&lt;/b&gt;" in widget.table.value
    widget.mode.value = "3b7"
    assert "Follow up with a short reminder" in widget.table.value


def test_someone_added_on_the_warm_route_remembers_the_friend(tracker: Tracker) -> None:
    """A person added while a friend is chosen is stored as introduced by that friend."""
    bo = tracker.add_person("Bo Chen", email="bo@example.org")
    composer = OutreachComposer(tracker)
    composer.route.value = "warm"
    composer.friend.value = bo
    add_ana(composer)
    ana = tracker.person(composer.person.value)
    assert ana.introduced_by == bo
    assert ana.source.value == "warm"
    assert composer.kind.value == "intro_request"
    assert composer.draft.to == ("Bo Chen <bo@example.org>",)


def test_each_added_target_starts_from_a_fresh_form(tracker: Tracker) -> None:
    """Three targets, ticked differently: each is stored as entered, and the form resets."""
    widget = TargetList(tracker)
    entries = [("Lumen", 3, True, True), ("Acme", 1, False, True), ("Atlas", 2, False, False)]
    for organisation, motivation, advocacy, posting in entries:
        widget.organisation.value = organisation
        if motivation != widget.motivation.value:
            widget.motivation.value = motivation
        if advocacy:
            widget.advocacy.value = True
        if posting:
            widget.posting.value = True
        widget.add.click()
        assert (widget.organisation.value, widget.motivation.value) == ("", 2)
        assert (widget.advocacy.value, widget.posting.value) == (False, False)
    stored = tracker.targets().set_index("organisation")
    for organisation, motivation, advocacy, posting in entries:
        row = stored.loc[organisation]
        assert (int(row["motivation"]), bool(row["advocacy"]), bool(row["posting"])) == (
            motivation,
            advocacy,
            posting,
        )


def test_switching_person_writes_a_fresh_draft_to_them(tracker: Tracker) -> None:
    """An unedited draft follows the choice of person: their name, their address."""
    ana = tracker.add_person("Ana Ruiz", email="ana@example.org", company="Acme")
    ben = tracker.add_person("Ben Okoro", email="ben@example.org", company="Lumen Labs")
    composer = OutreachComposer(tracker)
    composer.person.value = ana
    assert composer.body.value.startswith("Dear Ana,")
    composer.person.value = ben
    assert composer.body.value.startswith("Dear Ben,")
    assert "Ana" not in composer.body.value
    assert composer.draft.to == ("Ben Okoro <ben@example.org>",)
    assert composer.edits_choice.layout.display == "none"


def test_edits_for_one_person_are_not_sent_to_another_unasked(tracker: Tracker) -> None:
    """Edited text and a new person: the composer asks; the review flags a greeting for Ana."""
    ana = tracker.add_person("Ana Ruiz", email="ana@example.org", company="Acme")
    ben = tracker.add_person("Ben Okoro", email="ben@example.org", company="Lumen Labs")
    composer = OutreachComposer(tracker)
    composer.person.value = ana
    edited = composer.body.value.replace("Dear Ana,", "Dear Ana,\n\nA line of my own.")
    composer.body.value = edited
    composer.person.value = ben
    assert composer.body.value == edited
    assert composer.edits_choice.layout.display == ""
    assert "written to Ana Ruiz" in composer.choice_note.value
    assert composer.fresh_draft.description == "Start a draft for Ben Okoro"
    assert finding_status(composer, "contact.greeting") == "fail"
    assert "names Ana, but this email goes to Ben Okoro" in composer.review_out.value

    composer.keep_edits.click()
    assert composer.body.value == edited
    assert composer.edits_choice.layout.display == "none"

    composer.person.value = ana  # the kept text is Ben's now: asked again
    assert composer.edits_choice.layout.display == ""
    assert "written to Ben Okoro" in composer.choice_note.value
    composer.person.value = ben
    assert composer.edits_choice.layout.display == "none"
    composer.fresh_draft.click()
    assert composer.body.value.startswith("Dear Ben,")
    assert composer.edits_choice.layout.display == "none"
    assert finding_status(composer, "contact.greeting") == "pass"
