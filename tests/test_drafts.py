"""The one Draft value every step returns."""

from __future__ import annotations

import pytest

from infoview.drafts import KINDS, Draft, address_of
from infoview.errors import InvalidChoiceError
from infoview.model import Person


def test_every_step_kind_is_known() -> None:
    """The kinds of steps 1, 3 and 4 are all valid; an unknown one lists the valid ones."""
    for kind in ("cold", "reminder", "scheduling", "confirmation", "thank_you_email", "note"):
        assert Draft(kind=kind).label == KINDS[kind]
    with pytest.raises(InvalidChoiceError, match="thank_you_email"):
        Draft(kind="letter")


def test_recipients_are_tuples() -> None:
    """A str is one address, a blank str none; a person without email gives no recipient."""
    assert Draft(to="ana@example.org").to == ("ana@example.org",)
    assert Draft(to=" ", cc="").to == ()
    assert address_of(Person(id=1, name="Ana Ruiz")) == ()
    assert address_of(Person(id=1, name="Ana Ruiz", email="ana@example.org")) == (
        "Ana Ruiz <ana@example.org>",
    )


def test_draft_shows_itself_escaped() -> None:
    """str is the email as text; the HTML escapes every field and names its kind."""
    draft = Draft(to="ana@example.org", subject="<b>Hi</b>", body="a & b", kind="update")
    assert str(draft) == "To: ana@example.org\nSubject: <b>Hi</b>\n\na & b"
    page = draft._repr_html_()
    assert "&lt;b&gt;Hi&lt;/b&gt;" in page and "a &amp; b" in page
    assert 'data-kind="update"' in page
    assert draft.words == 3
