"""The demo persona: large enough to show everything, fictional, current, and separate."""

from __future__ import annotations

import gc
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from infoview.demo import open_demo
from infoview.model import Source, Stage, Tie, TouchKind
from infoview.session import start
from infoview.tracker import open_tracker

TODAY = date(2026, 11, 26)


def test_persona_covers_every_source_tie_stage_and_kind() -> None:
    """About 40 people and 150 touches over six months, with every category represented."""
    demo = open_demo(today=TODAY)
    people, touches = demo.people(), demo.touches()
    assert 35 <= len(people) <= 45
    assert 130 <= len(touches) <= 170
    assert set(people["source"]) == {s.value for s in Source}
    assert set(people["tie"]) == {t.value for t in Tie}
    assert set(touches["kind"]) == {k.value for k in TouchKind}
    assert set(demo.journey(today=TODAY)["stage"]) == {s.value for s in Stage}
    span = touches["at"].max() - touches["at"].min()
    assert timedelta(days=150) <= span <= timedelta(days=200)


def test_referral_chain_is_several_people_long() -> None:
    """Somebody was introduced by somebody who was introduced by somebody... (at least 4 links)."""
    people = open_demo(today=TODAY).people().set_index("id")

    def depth(pid: int) -> int:
        parent = people.loc[pid, "introduced_by"]
        return 0 if pd.isna(parent) else 1 + depth(int(parent))

    assert max(depth(int(pid)) for pid in people.index) >= 4


def test_names_and_emails_are_fictional() -> None:
    """Every email is on example.org or a .test domain."""
    emails = open_demo(today=TODAY).people()["email"].dropna()
    assert emails.map(lambda e: e.endswith(("@example.org", ".test"))).all()


def test_timeline_is_laid_out_relative_to_today() -> None:
    """Two different todays give the same story shifted in time."""
    a = open_demo(today=TODAY).touches()["at"]
    b = open_demo(today=TODAY + timedelta(days=30)).touches()["at"]
    assert ((b - a) == timedelta(days=30)).all()


def test_demo_never_touches_the_learners_tracker(workspace: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Opening the demo (also through the notebook switch) leaves the workspace tracker alone."""
    with open_tracker() as mine:
        mine.add_person("My Own Contact")
    demo = open_demo(today=TODAY)
    assert workspace not in demo.path.parents
    monkeypatch.setenv("INFOVIEW_DEMO", "1")
    assert start().profile.name == "Maya Okafor"
    with open_tracker() as mine:
        assert list(mine.people()["name"]) == ["My Own Contact"]


def test_the_demo_copy_is_removed_with_its_tracker() -> None:
    """A demo opened without a folder leaves no temporary files behind once it is gone."""
    demo = open_demo(today=date(2026, 11, 26))
    folder = demo.path.parent
    assert folder.is_dir()
    demo.close()
    del demo
    gc.collect()
    assert not folder.exists()
