"""Text checks: what a name, a note or an email may hold, and errors that stay short."""

from __future__ import annotations

import pytest

from infoview.errors import InvalidChoiceError, InvalidValueError, UnknownPersonError
from infoview.validation import clean_email, clean_text


@pytest.mark.parametrize("mark", ["\n", "\r", "\u2028", "\u2029", "\x85"])
def test_single_line_fields_refuse_every_kind_of_line_break(mark: str) -> None:
    """A name cannot hide a line break, whether ASCII, Unicode's separators or NEL."""
    with pytest.raises(InvalidValueError, match=r"single line|control character"):
        clean_text(f"Ana{mark}Bcc: x@example.org", "name")


@pytest.mark.parametrize("control", ["\x00", "\x1b", "\x7f", "\x9b"])
def test_control_characters_are_refused_even_in_notes(control: str) -> None:
    """C0 and C1 control characters (an escape code, for one) are refused everywhere."""
    with pytest.raises(InvalidValueError, match="control character"):
        clean_text(f"note{control}more", "notes", multiline=True)


def test_notes_keep_lines_and_text_of_any_script() -> None:
    """Notes keep their line breaks (CR LF becomes LF), RTL text and emoji."""
    text = "שלום\r\nمرحبا 👩🏽‍💻\tdone"
    assert clean_text(text, "notes", multiline=True) == "שלום\nمرحبا 👩🏽‍💻\tdone"


def test_long_wrong_values_are_cut_short_in_messages() -> None:
    """A 100,000-character wrong value never floods the learner's screen."""
    long = "x" * 100_000
    for error in (
        InvalidChoiceError("tie", long, ["connection", "ally", "mentor"]),
        UnknownPersonError(long),
    ):
        assert len(str(error)) < 300
    with pytest.raises(InvalidValueError) as raised:
        clean_email("a" * 1_500 + "@")
    assert len(str(raised.value)) < 400
