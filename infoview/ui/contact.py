"""Step 1 widgets: the outreach composer with its live review, plus the target and reminder lists.

They only wire controls to :mod:`infoview.outreach`; every string a learner typed or a file
supplied is escaped before it becomes HTML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from infoview import outreach
from infoview.errors import InfoviewError
from infoview.outreach.targets import company_key
from infoview.rules import Review, review_html
from infoview.ui.common import (
    LiveStatus,
    Panel,
    download_html,
    esc,
    person_picker,
    refresh_picker,
    retire,
    show_error,
    show_status,
    single_choice,
    stage_html,
    status_html,
)
from infoview.ui.contact_lists import LABEL, WIDE, RemindersDue, TargetList, button, text_box

if TYPE_CHECKING:
    from infoview.tracker import Tracker

__all__ = ["OutreachComposer", "RemindersDue", "TargetList"]

_KINDS = {
    "cold": [
        ("First email", "cold"),
        ("Reminder", "reminder"),
        ("Reply accepting a meeting", "accept"),
    ],
    "warm": [
        ("Ask my friend for an introduction", "intro_request"),
        ("The introduction, for my friend to send", "introduction"),
        ("First email naming my friend", "warm"),
        ("Reminder", "reminder"),
        ("Reply accepting a meeting", "accept"),
    ],
}


# Keeps the live review next to the text box short enough to read while typing.
_COMPACT = (
    "<style>.iv-live-review ul{padding-left:1.2em;margin:0.3em 0}"
    ".iv-live-review li{margin:0 0 0.35em 0;line-height:1.3}"
    ".iv-live-review .iv-excerpt{font-style:italic;color:#444;font-size:0.9em}"
    ".iv-live-review .iv-source{color:#666}</style>"
)


# ---------------------------------------------------------------- composer


class OutreachComposer(Panel):
    """Pick someone, choose the route, edit the generated email, and see the review live."""

    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self._generated = ""
        self._base: outreach.Draft | None = None
        self._via_name: str | None = None
        self._recipient: str | None = None
        # whom the text in the body was generated for: (kind, person, friend), and their name
        self._written_for: tuple[object, ...] = ()
        self._written_to = ""
        self.person = person_picker(tracker, "Write to")
        self.person.add_class("iv-person")
        self.new_name = text_box("Name", "iv-new-name", "someone new")
        self.new_email = text_box("Email", "iv-new-email", "name@example.org")
        self.new_company = text_box("Company", "iv-new-company")
        self.new_role = text_box("Role", "iv-new-role")
        self.add_person = button("Add person", "iv-add-person")
        self.route = single_choice(
            [("Cold: I write first", "cold"), ("Warm: via a friend", "warm")],
            "cold",
            "Route",
            style=LABEL,
        )
        self.route.add_class("iv-route")
        self.friend = person_picker(tracker, "Friend")
        self.friend.add_class("iv-friend")
        self.kind = widgets.Dropdown(
            options=_KINDS["cold"], value="cold", description="Email", layout=WIDE, style=LABEL
        )
        self.kind.add_class("iv-kind")
        self.topic = text_box(
            "Topic", "iv-topic", tracker.profile.field or "what you want to learn"
        )
        self.topic.continuous_update = False
        self.found_via = text_box("Found them via", "iv-found-via", "a talk, an article, LinkedIn…")
        self.found_via.continuous_update = False
        self.hint = widgets.HTML()
        self.hint.add_class("iv-hint")
        self.addresses = widgets.HTML()
        self.addresses.add_class("iv-addresses")
        self.subject = text_box("Subject", "iv-subject")
        self.body = widgets.Textarea(
            description="Email body",  # a real label: an empty one hides the tooltip's name
            rows=22,
            continuous_update=True,
            layout=widgets.Layout(width="100%"),
        )
        self.body.add_class("iv-draft-body")
        self.body.add_class("iv-control")
        self.body.tooltip = "Your email"
        self.restart = button("Start again from the template", "iv-restart")
        self._make_edits_choice()
        self.restart.layout.width = "auto"
        self.restart.layout.align_self = "flex-start"
        self.review_out = widgets.HTML(layout=widgets.Layout(width="44%", min_width="20em"))
        self.review_out.add_class("iv-live-review")
        self._make_send_row()
        self.stage = widgets.HTML()
        self.stage.add_class("iv-stage-out")
        self.status = LiveStatus()
        self.status.add_class("iv-status-out")
        self._wire()
        self._lay_out()
        self._on_inputs()

    def _make_send_row(self) -> None:
        """Save (then download) the .eml, open the mail app, or log the email as sent."""
        self.save_button = button("Save .eml", "iv-save-eml")
        self.mail_link = widgets.HTML()
        self.mail_link.add_class("iv-mailto")
        self.eml_link = widgets.HTML()
        self.eml_link.add_class("iv-eml-download")
        self.sent_button = button("I sent it", "iv-sent", "success")

    def _make_edits_choice(self) -> None:
        """The question asked when edited text would go to someone it was not written for."""
        self.keep_edits = button("Keep my edits", "iv-keep-edits")
        self.fresh_draft = button("Start a new draft", "iv-fresh-draft")
        self.fresh_draft.layout.width = "auto"
        self.choice_note = widgets.HTML()
        self.edits_choice = widgets.HBox([self.choice_note, self.keep_edits, self.fresh_draft])
        self.edits_choice.add_class("iv-edits-choice")
        self.edits_choice.layout.display = "none"

    def _wire(self) -> None:
        for control in (
            self.person,
            self.route,
            self.friend,
            self.kind,
            self.topic,
            self.found_via,
        ):
            control.observe(self._on_inputs, names="value")
        self.subject.observe(self._on_text, names="value")
        self.body.observe(self._on_text, names="value")
        self.add_person.on_click(self._on_add_person)
        self.restart.on_click(self._on_restart)
        self.fresh_draft.on_click(self._on_restart)
        self.keep_edits.on_click(self._on_keep_edits)
        self.save_button.on_click(self._on_save)
        self.sent_button.on_click(self._on_sent)

    def _lay_out(self) -> None:
        new_person = widgets.VBox(
            [
                widgets.HTML("<em>Not in your tracker yet? Add them:</em>"),
                self.new_name,
                self.new_email,
                self.new_company,
                self.new_role,
                self.add_person,
            ]
        )
        self.root = widgets.VBox(
            [
                widgets.HTML("<h4>Compose your first email</h4>"),
                self.person,
                new_person,
                self.route,
                self.friend,
                self.kind,
                self.topic,
                self.found_via,
                self.hint,
                self.edits_choice,
                self.addresses,
                self.subject,
                widgets.HBox(
                    [
                        widgets.VBox(
                            [self.body, self.restart],
                            layout=widgets.Layout(width="55%", min_width="24em"),
                        ),
                        self.review_out,
                    ],
                    layout=widgets.Layout(width="100%", flex_flow="row wrap"),
                ),
                widgets.HBox([self.save_button, self.eml_link, self.mail_link, self.sent_button]),
                self.stage,
                self.status,
            ]
        )
        self.root.add_class("iv-composer")

    # ------------------------------------------------------------ values

    @property
    def via(self) -> int | None:
        """The friend's id on the warm route."""
        return self.friend.value if self.route.value == "warm" else None

    def _template(self) -> outreach.Draft | None:
        if self.person.value is None:
            return None
        return outreach.draft_for(
            self.tracker,
            self.kind.value,
            self.person.value,
            friend_id=self.via,
            topic=self.topic.value,
            found_via=self.found_via.value,
        )

    @property
    def draft(self) -> outreach.Draft:
        """The email as it stands now, with the learner's edits."""
        base = self._base or outreach.Draft(kind=self.kind.value)
        return base.with_text(subject=self.subject.value, body=self.body.value)

    @property
    def recipient(self) -> str | None:
        """The name of the person in "To": the friend for an introduction request."""
        return self._recipient

    def _recipient_now(self) -> str | None:
        if self.kind.value == "intro_request":
            return self._via_name
        return (
            self.tracker.person(self.person.value).name if self.person.value is not None else None
        )

    def review(self) -> Review:
        """The live review of the email as it stands, for the person it goes to."""
        return outreach.review(
            self.draft,
            route=self.route.value,
            via=self._via_name,
            topic=self.topic.value or None,
            recipient=self.recipient,
        )

    # ------------------------------------------------------------ events

    def _on_inputs(self, change: dict[str, Any] | None = None) -> None:
        if change is not None and change["owner"] is self.route:
            self.kind.options = _KINDS[self.route.value]
            self.kind.value = _KINDS[self.route.value][0][1]
        warm = self.route.value == "warm"
        self.friend.layout.display = "" if warm else "none"
        self.found_via.layout.display = "none" if warm else ""
        try:
            template = self._template()
        except InfoviewError as error:
            template = None
            show_error(self.status, error)
        else:
            self.status.value = ""
        self._base = template
        self._via_name = self.tracker.person(self.via).name if self.via is not None else None
        self._recipient = self._recipient_now()  # read once per choice, not on every keystroke
        unedited = self.body.value.strip() in ("", self._generated.strip())
        if template is not None and unedited:
            self._use_template(template)
            if change is not None:  # a choice changed the draft: say so in the live region
                show_status(
                    self.status, "info", f"Draft updated for {self.recipient or 'nobody yet'}."
                )
        elif template is not None and self._written_for != self._addressee():
            self._ask_about_edits()
        elif template is not None:
            self.edits_choice.layout.display = "none"
            show_status(
                self.status, "info", "Your edits are kept; 'Start again' brings the template back."
            )
        self.hint.value = self._hints()
        self.stage.value = (
            stage_html(self.tracker, self.person.value) if self.person.value is not None else ""
        )
        self._on_text()

    def _addressee(self) -> tuple[object, ...]:
        """Whom, and what, the draft is for: when this changes, old text no longer fits."""
        return self.kind.value, self.person.value, self.via

    def _use_template(self, template: outreach.Draft) -> None:
        self._generated = template.body
        self.body.value = template.body  # before the subject: views see the body first
        self.subject.value = template.subject
        self._written_for = self._addressee()
        self._written_to = self.recipient or ""
        self.edits_choice.layout.display = "none"

    def _ask_about_edits(self) -> None:
        """Edited text written for someone else: the learner chooses, nothing is lost silently."""
        old, new = self._written_to or "the first person", self.recipient or "the new choice"
        self.choice_note.value = status_html(
            "warn",
            f"Your edited draft was written to {old}. Keep your edits, or start a draft for {new}?",
        )
        self.fresh_draft.description = f"Start a draft for {new}"
        self.edits_choice.layout.display = ""
        show_status(self.status, "warn", f"Your edited draft was written to {old}: choose below.")

    def _on_keep_edits(self, _: object = None) -> None:
        self._written_for = self._addressee()
        self._written_to = self.recipient or ""
        self.edits_choice.layout.display = "none"
        show_status(self.status, "info", "Your edits are kept: check the names in them.")

    def _on_text(self, _: object = None) -> None:
        draft = self.draft
        self.eml_link.value = ""  # a saved file no longer matches the text: save it again
        self.review_out.value = _COMPACT + review_html(self.review())
        self.addresses.value = (
            f"<div><strong>To:</strong> {esc(', '.join(draft.to) or '(nobody yet)')}"
            + (f"<br><strong>Cc:</strong> {esc(', '.join(draft.cc))}" if draft.cc else "")
            + "</div>"
        )
        self.mail_link.value = (
            f'<a class="iv-mailto-link" href="{esc(draft.mailto())}" target="_blank" '
            'rel="noopener" style="margin:0 1em;line-height:2.2em">✉ Open in mail app</a>'
        )
        self.sent_button.disabled = False

    def _hints(self) -> str:
        notes = []
        if self.tracker.profile.is_empty:
            notes.append(
                "Your profile is empty: fill it in (notebook 00) so drafts carry your "
                "name and mini-CV."
            )
        if self.person.value is None:
            if self.person.options[1:]:
                notes.append("Choose the person you want to write to, or add someone new.")
            else:
                notes.append("Nobody in your tracker yet: add the person you want to write to.")
        else:
            person = self.tracker.person(self.person.value)
            if not person.email:
                notes.append(f"There is no email address for {person.name} yet.")
            if self.route.value == "cold" and person.company:
                others = self.tracker.people()
                others = others[
                    (others["company"].map(company_key) == company_key(person.company))
                    & (others["id"] != person.id)
                ]
                if not others.empty:
                    names = ", ".join(others["name"].head(3))
                    notes.append(
                        f"You know {names} at {person.company}: an introduction works better "
                        "than a cold email. Choose 'Warm' to ask them."
                    )
        if self.route.value == "warm" and self.friend.value is None:
            notes.append("Pick the friend who knows them.")
        return "".join(status_html("info", note) for note in notes)

    def _on_restart(self, _: object = None) -> None:
        self._generated = ""
        self.body.value = ""
        self._on_inputs()

    def _on_add_person(self, _: object = None) -> None:
        warm = self.route.value == "warm" and self.friend.value is not None
        try:
            pid = self.tracker.add_person(
                self.new_name.value,
                email=self.new_email.value or None,
                company=self.new_company.value or None,
                role=self.new_role.value or None,
                source="warm" if warm else "cold",
                introduced_by=self.friend.value if warm else None,
            )
        except InfoviewError as error:
            show_error(self.status, error)
            return
        refresh_picker(self.friend, self.tracker)
        refresh_picker(self.person, self.tracker, keep=pid)
        name = self.new_name.value.strip()
        for box in (self.new_name, self.new_email, self.new_company, self.new_role):
            box.value = ""
        show_status(self.status, "ok", f"Added {name}.")

    def _on_save(self, _: object = None) -> None:
        try:
            path = outreach.save_eml(self.draft)
        except (InfoviewError, OSError) as error:
            show_status(self.status, "error", f"Could not save the draft: {error}")
            return
        self.eml_link.value = download_html(
            path.read_bytes(), path.name, "message/rfc822", f"Download {path.name}"
        )
        show_status(
            self.status,
            "ok",
            f"Saved {path}. Download it, then open it in your mail app to send it.",
        )

    def _on_sent(self, _: object = None) -> None:
        if self.sent_button.disabled:  # already logged; edit the text to log another
            return
        if self.person.value is None:
            show_status(self.status, "warn", "Choose the person this email was for first.")
            return
        try:
            outreach.log_sent(
                self.tracker, self.person.value, self.draft, route=self.route.value, via=self.via
            )
        except InfoviewError as error:
            show_error(self.status, error)
            return
        self.stage.value = stage_html(self.tracker, self.person.value)
        retire(self.sent_button, self.body)  # a change to the draft makes another to log
        show_status(self.status, "ok", "Logged. The reminder clock starts now.")
