"""targets(): the LAMP ranking, the first batch and the possible introducers."""

from __future__ import annotations

import pytest

from infoview.outreach import targets
from infoview.outreach_targets import company_key
from infoview.rules import policy
from infoview.tracker import Tracker


def test_motivation_comes_first_then_posting_then_advocacy(tracker: Tracker) -> None:
    """Dalton's order: motivation, then an opening, then knowing someone; ties keep entry order."""
    tracker.add_target("Low", motivation=1, advocacy=True, posting=True)
    tracker.add_target("Advocate", motivation=3, advocacy=True)
    tracker.add_target("Posting", motivation=3, posting=True)
    tracker.add_target("Plain", motivation=3)
    tracker.add_target("Plain too", motivation=3)
    tracker.add_target("Middle", motivation=2, posting=True)
    ranked = targets(tracker)
    assert list(ranked["organisation"]) == [
        "Posting",
        "Advocate",
        "Plain",
        "Plain too",
        "Middle",
        "Low",
    ]
    assert list(ranked["rank"]) == [1, 2, 3, 4, 5, 6]


def test_the_first_batch_is_the_top_five(tracker: Tracker) -> None:
    """The top five are the first batch; the number is the rule's data."""
    for index in range(7):
        tracker.add_target(f"Org {index}", motivation=3 if index < 3 else 2)
    ranked = targets(tracker)
    assert list(ranked["first_batch"]) == [True] * 5 + [False] * 2
    three = targets(tracker, rules=policy().adjust("contact.targets", first_batch=3))
    assert int(three["first_batch"].sum()) == 3


def test_people_at_the_organisation_are_possible_introducers(tracker: Tracker) -> None:
    """Colleagues in the tracker are listed (mentors first), the contact themselves is not."""
    tracker.add_person("Zoe Park", company="Acme Inc.", tie="mentor")
    tracker.add_person("Al Baker", company="ACME", tie="connection")
    tracker.add_person("Ana Ruiz", company="acme")
    tracker.add_person("Elsewhere", company="Lumen")
    tracker.add_target("Acme Corporation", contact="Ana Ruiz", motivation=3)
    row = targets(tracker).iloc[0]
    assert row["introducers"] == "Zoe Park, Al Baker"
    assert len(row["introducer_ids"]) == 2
    assert bool(row["advocacy"]) is True


def test_a_target_without_known_people_has_no_introducers(tracker: Tracker) -> None:
    """No colleague in the tracker means no introducer and advocacy as you scored it."""
    tracker.add_person("Someone", company="Lumen")
    tracker.add_target("Orbit", motivation=2)
    row = targets(tracker).iloc[0]
    assert row["introducers"] == ""
    assert row["introducer_ids"] == []
    assert bool(row["advocacy"]) is False


def test_ranking_never_changes_the_stored_list(tracker: Tracker) -> None:
    """targets() reads the tracker; the entered list stays as it was."""
    tracker.add_target("B", motivation=1)
    tracker.add_target("A", motivation=3)
    before = tracker.targets()
    targets(tracker)
    assert tracker.targets().equals(before)


def test_an_empty_list_has_the_columns(tracker: Tracker) -> None:
    """Without targets the frame is empty but shaped."""
    ranked = targets(tracker)
    assert ranked.empty
    assert {"rank", "first_batch", "introducers"} <= set(ranked.columns)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Acme Ltd", "acme"), ("The Lumen Group", "Lumen"), ("Orbit, Inc.", "ORBIT")],
)
def test_company_names_match_despite_suffixes_and_case(a: str, b: str) -> None:
    """'Acme Ltd' and 'acme' are the same organisation."""
    assert company_key(a) == company_key(b)
    assert company_key(None) == ""
