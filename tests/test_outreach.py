"""Drafts, builders, .eml export, logging a sent email, and the step 1 self-check."""

from __future__ import annotations

import email
from datetime import date
from email import policy as email_policy
from pathlib import Path

import pytest

import infoview.outreach as o
from infoview.errors import InvalidChoiceError, InvalidValueError
from infoview.model import Person, Profile
from infoview.rules import Status
from infoview.tracker import Tracker, open_tracker

ME = Profile(
    name="Maya Okafor",
    email="maya@example.org",
    field="UX research",
    goal="Move into UX research",
    synopsis="Eight years teaching science in Leeds\nRan classroom studies on feedback\n"
    "Now finishing a certificate in HCI",
)
ANA = Person(id=1, name="Ana Ruiz", email="ana@example.org", company="Acme", role="UX Researcher")
BO = Person(id=2, name="Bo Chen", email="bo@example.org", company="Acme")


@pytest.fixture
def tracker(tmp_path: Path) -> Tracker:
    t = open_tracker(tmp_path / "t.sqlite")
    t.set_profile(name=ME.name, email=ME.email, field=ME.field, synopsis=ME.synopsis)
    return t


# ---------------------------------------------------------------- the Draft value


def test_a_draft_is_a_frozen_value_and_edits_return_a_copy() -> None:
    """with_text gives a new draft and leaves the original untouched."""
    draft = o.cold_email(ME, ANA, topic="UX research")
    edited = draft.with_text(body="Hi")
    assert draft.body != "Hi"
    assert edited.body == "Hi"
    assert edited.to == draft.to
    with pytest.raises(AttributeError):
        draft.body = "x"  # type: ignore[misc]


def test_a_draft_takes_lists_and_keeps_tuples() -> None:
    """Recipients given as a list or a single string become a tuple."""
    assert o.Draft(to=["ana@example.org"]).to == ("ana@example.org",)  # type: ignore[arg-type]
    assert o.Draft(to="ana@example.org").to == ("ana@example.org",)  # type: ignore[arg-type]


def test_a_draft_refuses_an_address_with_a_line_break() -> None:
    """No header can be smuggled in through an address."""
    with pytest.raises(InvalidValueError, match="line break"):
        o.Draft(to=("ana@example.org\r\nBcc: spy@evil.example",))


def test_an_unknown_kind_is_refused() -> None:
    """The kind lists the valid choices."""
    with pytest.raises(InvalidChoiceError, match="draft kind must be one of cold, warm"):
        o.Draft(kind="letter")


def test_the_plain_repr_reads_like_an_email() -> None:
    """repr shows To, Subject and the body as text."""
    text = repr(o.cold_email(ME, ANA, topic="UX research"))
    assert text.startswith("Draft (first email (cold))\nTo: Ana Ruiz <ana@example.org>\nSubject: ")
    assert "Dear Ana," in text


def test_the_html_repr_escapes_everything() -> None:
    """Markup in names, subject or body is shown, never run."""
    evil = Person(id=3, name="<b>Bob</b>", email="bob@example.org", company="<script>x</script>")
    html = o.cold_email(ME, evil, topic="<img src=x onerror=alert(1)>")._repr_html_()
    assert "<script>" not in html
    assert "<img" not in html
    assert "<b>Bob" not in html
    assert "&lt;b&gt;Bob&lt;/b&gt;" in html


# ---------------------------------------------------------------- builders


@pytest.mark.parametrize("kind", [k.value for k in o.DraftKind])
def test_every_builder_passes_its_own_review(kind: str) -> None:
    """Each template, filled from a complete profile, has nothing to fix."""
    draft = o.build_draft(kind, ME, ANA, friend=BO, topic="UX research")
    result = o.review(draft, topic="UX research", via=BO.name)
    assert [f"{f.rule}: {f.message}" for f in result if f.status is Status.FAIL] == []


def test_the_cold_email_is_personalised() -> None:
    """Name, role, company, topic, how you found them and the mini-CV are filled in."""
    draft = o.cold_email(ME, ANA, topic="service design", found_via="your talk at UX Leeds")
    assert draft.kind == "cold"
    assert draft.to == ("Ana Ruiz <ana@example.org>",)
    assert draft.subject == "Learning about service design at Acme"
    assert draft.body.startswith("Dear Ana,\n\nI found your name through your talk at UX Leeds")
    assert "Ran classroom studies on feedback." in draft.body
    assert draft.body.rstrip().endswith("Maya Okafor")


def test_without_a_found_via_the_cold_email_names_their_work() -> None:
    """The opening falls back to their role and company."""
    body = o.cold_email(ME, ANA).body
    assert "I came across your work as UX Researcher at Acme" in body
    assert "UX research" in body  # the profile's field is the default topic


def test_the_warm_email_opens_with_the_friend() -> None:
    """The friend's full name is in the first sentence and the subject."""
    draft = o.warm_email(ME, ANA, BO, topic="UX research")
    assert draft.body.split("\n")[2].startswith("Bo Chen suggested")
    assert "Bo Chen" in draft.subject


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Jean-Luc Moreau", "Dear Jean-Luc,"),  # a hyphenated given name stays whole
        ("Mary Ann Lee", "Dear Mary Ann Lee,"),  # where the given name ends is unknown
        ("Ana María López", "Dear Ana María López,"),
        ("Lee, Mary Ann", "Dear Mary Ann,"),  # "Family, Given" as some address books write it
        ("Dr. Ade Bello", "Dear Dr. Ade Bello,"),
        ("Chloé Martin", "Dear Chloé,"),
    ],
)
def test_the_warm_email_greets_them_by_the_name_they_wrote(name: str, greeting: str) -> None:
    """A two-part given name is never cut to its first part; with no way to tell, the whole name."""
    person = Person(id=3, name=name, email="x@example.org", company="Acme")
    draft = o.warm_email(ME, person, BO, topic="UX research")
    assert draft.body.split("\n")[0] == greeting
    assert (
        o.review(draft, route="warm", via="Bo Chen", recipient=name)["contact.greeting"].status
        is Status.PASS
    )


def test_the_intro_request_goes_to_the_friend() -> None:
    """The request for an introduction is addressed to the friend and names the person."""
    draft = o.intro_request(ME, ANA, BO, topic="UX research")
    assert draft.to == ("Bo Chen <bo@example.org>",)
    assert draft.body.startswith("Dear Bo,")
    assert "Ana Ruiz at Acme" in draft.body


def test_the_introduction_has_both_people_in_the_address_fields() -> None:
    """The friend's introduction is To the person and Cc the learner, in one email."""
    draft = o.introduction(ME, ANA, BO, topic="UX research")
    assert draft.to == ("Ana Ruiz <ana@example.org>",)
    assert draft.cc == ("Maya Okafor <maya@example.org>",)
    assert draft.body.rstrip().endswith("Bo Chen")
    parsed = email.message_from_bytes(draft.eml(), policy=email_policy.default)
    assert parsed["To"].addresses[0].addr_spec == "ana@example.org"
    assert parsed["Cc"].addresses[0].addr_spec == "maya@example.org"


def test_the_reminder_refers_to_the_first_email() -> None:
    """The reminder names the day of the first email and replies to its subject."""
    draft = o.reminder(
        ME, ANA, topic="UX research", sent_on=date(2026, 3, 2), previous_subject="Learning about UX"
    )
    assert draft.subject == "Re: Learning about UX"
    assert "on Monday 02 March" in draft.body
    assert o.reminder(ME, ANA, previous_subject="Re: Hi there").subject == "Re: Hi there"


def test_the_acceptance_lets_them_choose_the_place() -> None:
    """The reply accepting a meeting leaves the place and time to them."""
    body = o.accept_meeting(ME, ANA, topic="UX research").body
    assert "Wherever you feel most comfortable" in body


def test_an_empty_profile_leaves_visible_placeholders() -> None:
    """Without a profile the draft shows [brackets] and the review asks to fill them in."""
    draft = o.cold_email(Profile(), ANA, topic="UX research")
    assert "[your name]" in draft.body
    result = o.review(draft, topic="UX research")
    assert result["contact.synopsis"].status is Status.FAIL
    assert result["contact.close"].status is Status.FAIL


def test_warm_drafts_need_a_friend_who_is_someone_else() -> None:
    """A warm draft without a friend, or with the person as their own friend, is refused."""
    with pytest.raises(InvalidValueError, match="friend"):
        o.build_draft("warm", ME, ANA)
    with pytest.raises(InvalidValueError, match="two different people"):
        o.build_draft("intro_request", ME, ANA, friend=ANA)


def test_a_person_without_email_gives_a_draft_with_nobody_in_to() -> None:
    """The draft is still written; the mail app asks for the address."""
    draft = o.cold_email(ME, Person(id=4, name="Cy Doe"))
    assert draft.to == ()
    assert draft.mailto().startswith("mailto:?subject=")


def test_templates_are_package_data() -> None:
    """Each kind has a template file shipped inside the package."""
    from importlib import resources

    folder = resources.files("infoview.resources").joinpath("templates")
    for kind in o.DraftKind:
        text = folder.joinpath(f"{kind.value}.txt").read_text("utf-8")
        assert text.startswith("Subject: ")


# ---------------------------------------------------------------- export


def test_save_eml_writes_into_the_workspace_drafts_folder(tmp_path: Path) -> None:
    """The .eml lands in <workspace>/drafts and parses back to the draft."""
    draft = o.cold_email(ME, ANA, topic="UX research")
    path = o.save_eml(draft)
    assert path.parent == (tmp_path / "workspace" / "drafts").resolve()
    assert path.name == "cold-Ana-Ruiz.eml"
    parsed = email.message_from_bytes(path.read_bytes(), policy=email_policy.default)
    assert parsed["Subject"] == draft.subject
    assert parsed["X-Unsent"] == "1"
    assert parsed.get_content().replace("\r\n", "\n") == draft.body


def test_a_linked_drafts_folder_cannot_lead_a_draft_out(tmp_path: Path) -> None:
    """A drafts/ symlink to another folder is refused: the .eml never lands outside."""
    from infoview.errors import WriteRefusedError
    from infoview.workspace import ensure_workspace

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (ensure_workspace() / "drafts").symlink_to(outside)
    with pytest.raises(WriteRefusedError, match="outside the workspace"):
        o.save_eml(o.cold_email(ME, ANA))
    assert not list(outside.iterdir())


def test_save_eml_never_overwrites_an_earlier_draft() -> None:
    """Saving twice gives two files."""
    draft = o.cold_email(ME, ANA)
    first, second = o.save_eml(draft), o.save_eml(draft)
    assert first != second
    assert first.exists()
    assert second.name == "cold-Ana-Ruiz-2.eml"


def test_save_eml_keeps_odd_names_inside_the_folder(tmp_path: Path) -> None:
    """A name with path separators cannot escape the drafts folder."""
    path = o.save_eml(o.cold_email(ME, ANA), "../../outside")
    assert path.parent == (tmp_path / "workspace" / "drafts").resolve()


# ---------------------------------------------------------------- logging


def test_logging_a_cold_email_stores_an_outreach_touch(tracker: Tracker) -> None:
    """'I sent it' stores outreach with the subject, body, route and draft kind."""
    ana = tracker.add_person("Ana Ruiz", email="ana@example.org", company="Acme")
    draft = o.draft_for(tracker, "cold", ana, topic="UX research")
    o.log_sent(tracker, ana, draft, on=date(2026, 3, 2))
    touch = tracker.touches(ana).iloc[0]
    assert touch["kind"] == "outreach"
    assert touch["channel"] == "email"
    assert touch["subject"] == draft.subject
    assert touch["body"] == draft.body.strip()
    assert touch["details"] == {"route": "cold", "draft": "cold"}
    assert tracker.journey(today=date(2026, 3, 3))["stage"].iloc[0] == "contacted"


def test_logging_an_intro_request_records_the_friend(tracker: Tracker) -> None:
    """An intro request is logged on the person, with the friend as 'via'."""
    bo = tracker.add_person("Bo Chen", email="bo@example.org")
    ana = tracker.add_person("Ana Ruiz", email="ana@example.org")
    draft = o.draft_for(tracker, "intro_request", ana, friend_id=bo)
    o.log_sent(tracker, ana, draft, via=bo)
    touch = tracker.touches(ana).iloc[0]
    assert touch["kind"] == "intro_requested"
    assert touch["details"] == {"route": "warm", "via": bo, "draft": "intro_request"}
    introduction = o.draft_for(tracker, "introduction", ana, friend_id=bo)
    o.log_sent(tracker, ana, introduction, via=bo)
    assert list(tracker.touches(ana)["kind"]) == ["intro_requested", "introduced"]


def test_an_intro_without_the_friend_is_refused_and_nothing_is_stored(tracker: Tracker) -> None:
    """Intro requests and introductions need the friend; on error nothing changes."""
    bo = tracker.add_person("Bo Chen", email="bo@example.org")
    ana = tracker.add_person("Ana Ruiz", email="ana@example.org")
    draft = o.draft_for(tracker, "intro_request", ana, friend_id=bo)
    with pytest.raises(InvalidValueError, match="which friend"):
        o.log_sent(tracker, ana, draft)
    with pytest.raises(InvalidValueError, match="two different people"):
        o.log_sent(tracker, ana, draft, via=ana)
    assert tracker.touches().empty


def test_an_acceptance_is_not_logged_here(tracker: Tracker) -> None:
    """The reply accepting a meeting is recorded as the meeting in step 3."""
    ana = tracker.add_person("Ana Ruiz", email="ana@example.org")
    with pytest.raises(InvalidValueError, match="notebook 03"):
        o.log_sent(tracker, ana, o.draft_for(tracker, "accept", ana))
    assert tracker.touches().empty


def test_a_third_reminder_is_refused(tracker: Tracker) -> None:
    """After two reminders the kit refuses a third: never nag."""
    ana = tracker.add_person("Ana Ruiz", email="ana@example.org")
    o.log_sent(tracker, ana, o.draft_for(tracker, "cold", ana), on=date(2026, 3, 2))
    for day in (13, 24):
        o.log_sent(tracker, ana, o.draft_for(tracker, "reminder", ana), on=date(2026, 3, day))
    with pytest.raises(InvalidValueError, match=r"contact\.stop"):
        o.log_sent(tracker, ana, o.draft_for(tracker, "reminder", ana), on=date(2026, 4, 10))
    assert list(tracker.touches(ana)["kind"]) == ["outreach", "reminder", "reminder"]


def test_draft_for_fills_the_reminder_from_the_tracker(tracker: Tracker) -> None:
    """A reminder built from the tracker names the day and subject of the first email."""
    ana = tracker.add_person("Ana Ruiz", email="ana@example.org")
    first = o.draft_for(tracker, "cold", ana, topic="UX research")
    o.log_sent(tracker, ana, first, on=date(2026, 3, 2))
    assert o.last_sent(tracker, ana) == (date(2026, 3, 2), first.subject)
    nudge = o.draft_for(tracker, "reminder", ana, topic="UX research")
    assert nudge.subject == f"Re: {first.subject}"
    assert "Monday 02 March" in nudge.body


# ---------------------------------------------------------------- self-check


def test_self_check_on_an_empty_tracker_says_what_to_do(tmp_path: Path) -> None:
    """An empty tracker gets a missing mini-CV, too few targets and no email yet."""
    result = o.self_check(open_tracker(tmp_path / "empty.sqlite"), today=date(2026, 3, 2))
    assert result.status_of("contact.synopsis") is Status.FAIL
    assert result.status_of("contact.targets") is Status.WARN
    assert result.status_of("contact.channel") is Status.WARN
    assert result.status_of("contact.reminder") is Status.PASS


def test_self_check_passes_after_the_step_is_done(tracker: Tracker) -> None:
    """Profile, five targets and a good first email logged: all pass."""
    for org in ("Acme", "Lumen", "Quill", "Orbit", "Atlas"):
        tracker.add_target(org, motivation=2)
    ana = tracker.add_person("Ana Ruiz", email="ana@example.org")
    o.log_sent(tracker, ana, o.draft_for(tracker, "cold", ana), on=date(2026, 3, 2))
    result = o.self_check(tracker, today=date(2026, 3, 5))
    assert [f.rule for f in result if f.status is not Status.PASS] == []


def test_self_check_reviews_the_last_email_and_counts_reminders(tracker: Tracker) -> None:
    """Problems in the last logged email are listed, and a due reminder is flagged."""
    ana = tracker.add_person("Ana Ruiz", email="ana@example.org")
    bad = o.Draft(subject="Hello", body="Hi Ana, what is your job like?\n\nMaya", kind="cold")
    o.log_sent(tracker, ana, bad, on=date(2026, 3, 2))
    result = o.self_check(tracker, today=date(2026, 3, 20))
    messages = [f.message for f in result]
    assert any(m.startswith("Your email to Ana Ruiz:") for m in messages)
    assert result.status_of("contact.reminder") is Status.WARN
