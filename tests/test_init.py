"""The public API: a short explicit list, every name in it real, and a quick import."""

from __future__ import annotations

import subprocess
import sys

import pytest

import infoview


def test_every_public_name_resolves() -> None:
    """Each name in __all__ is importable (step modules load on first use)."""
    for name in infoview.__all__:
        assert getattr(infoview, name) is not None, name


def test_unknown_names_are_attribute_errors() -> None:
    """A typo is an AttributeError naming the attribute, as for any module."""
    with pytest.raises(AttributeError, match="reveiw"):
        infoview.reveiw  # type: ignore[attr-defined]  # noqa: B018


def test_import_does_not_load_heavy_libraries() -> None:
    """matplotlib, ipywidgets, icalendar and vobject load only when a step needs them."""
    code = (
        "import sys, infoview; "
        "print(sorted(m for m in ('matplotlib', 'ipywidgets', 'icalendar', 'vobject', 'networkx')"
        " if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
