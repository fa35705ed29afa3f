"""The target list, ranked the LAMP way, with the people who could introduce you.

Each target has a motivation (1 to 3), advocacy (do you know someone there?) and posting
(is there an opening in your field?). :func:`targets` sorts them into the order to
approach them, Dalton's way: motivation first, then posting, then advocacy. The first few
(five by default) are the first batch. Import it from :mod:`infoview.outreach`.

>>> company_key("Acme Corp.") == company_key("ACME corporation") == company_key("acme")
True
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import pandas as pd

from infoview.rules import Policy, policy

if TYPE_CHECKING:
    from infoview.tracker import Tracker

_SUFFIXES = re.compile(
    r"\b(?:inc|incorporated|ltd|limited|llc|llp|plc|gmbh|ag|sa|sas|bv|co|corp|corporation|"
    r"company|group|the)\b"
)
_TIE_ORDER = {"mentor": 0, "ally": 1, "connection": 2}

TARGET_COLUMNS = [
    "rank",
    "first_batch",
    "id",
    "organisation",
    "contact",
    "motivation",
    "posting",
    "advocacy",
    "introducers",
    "introducer_ids",
    "notes",
]


@lru_cache(maxsize=65_536)
def company_key(name: object) -> str:
    """A company name reduced to what identifies it (case, punctuation, 'Inc.' dropped)."""
    if not isinstance(name, str):
        return ""
    text = re.sub(r"[^\w\s]", " ", name.lower())
    return " ".join(_SUFFIXES.sub(" ", text).split())


def targets(tracker: Tracker, rules: Policy | None = None) -> pd.DataFrame:
    """The target list in the order to approach it, with possible introducers.

    ``introducers`` names the people in your tracker who work at that organisation (mentors
    and allies first), apart from the contact you want to meet; they can make a warm
    introduction. Knowing someone there counts as advocacy even if you did not tick it.
    """
    rules = rules if rules is not None else policy()
    listed = tracker.targets()
    if listed.empty:
        return pd.DataFrame({column: pd.Series(dtype=object) for column in TARGET_COLUMNS})
    people = tracker.people()
    people = people.assign(
        _key=people["company"].map(company_key),
        _tie=people["tie"].map(_TIE_ORDER),
    ).sort_values(["_tie", "name"])
    by_company = {key: group for key, group in people.groupby("_key") if key}
    names: list[str] = []
    ids: list[list[int]] = []
    for organisation, contact in zip(listed["organisation"], listed["contact"], strict=True):
        group = by_company.get(company_key(organisation))
        if group is not None and isinstance(contact, str) and contact.strip():
            group = group[group["name"].str.lower() != contact.strip().lower()]
        found = group if group is not None else people.iloc[0:0]
        names.append(", ".join(found["name"]))
        ids.append([int(i) for i in found["id"]])
    ranked = listed.assign(
        introducers=names,
        introducer_ids=pd.Series(ids, index=listed.index, dtype=object),
    )
    ranked["advocacy"] = ranked["advocacy"] | ranked["introducer_ids"].map(bool)
    ranked = ranked.sort_values(
        ["motivation", "posting", "advocacy", "id"], ascending=[False, False, False, True]
    ).reset_index(drop=True)
    batch = int(rules["contact.targets"].number("first_batch"))
    ranked["rank"] = range(1, len(ranked) + 1)
    ranked["first_batch"] = ranked["rank"] <= batch
    return ranked[TARGET_COLUMNS]
