"""The demo persona: a fictional learner six months into her informational interviews.

:func:`open_demo` lays the persona's timeline out relative to ``today`` in a fresh
temporary tracker, so a demonstration always looks current, tests can pin the day, and the
learner's own tracker is never touched.

>>> demo = open_demo(today=date(2026, 11, 26))
>>> demo.profile.name, len(demo.people()) >= 40, len(demo.touches()) >= 140
('Maya Okafor', True, True)
>>> demo.plans()["title"].tolist()
['Questions for Ama Owusu', 'Questions for Chloé Martin']
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
import tempfile
import weakref
from datetime import date, datetime, time, timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from time import time as _clock
from typing import Any

if sys.platform != "win32":
    import fcntl

from infoview.clock import local_zone, resolve_today
from infoview.tracker import Tracker, open_tracker

MEETING_HOUR = 10


@cache
def persona() -> dict[str, Any]:
    """The persona as stored: profile, people and touches with day offsets."""
    text = resources.files("infoview.resources").joinpath("demo_persona.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def open_demo(today: date | None = None, *, folder: Path | None = None) -> Tracker:
    """A fresh tracker holding the demo persona, laid out so that ``today`` is its today."""
    today = resolve_today(today)
    if folder is None:
        folder, in_use = _new_demo_folder()
        tracker = open_tracker(folder / "demo.sqlite")
        # The temporary copy goes when the tracker does, or when Python exits; a copy left
        # by a process that was killed is swept by the next demo opened.
        weakref.finalize(tracker, _remove_demo_folder, folder, in_use)
    else:
        tracker = open_tracker(folder / "demo.sqlite")
    fill_demo(tracker, today)
    return tracker


DEMO_PREFIX = "infoview-demo-"
_IN_USE = "in-use.lock"
_UNMARKED_GRACE_SECONDS = 3600


def _new_demo_folder() -> tuple[Path, int | None]:
    """A new private temporary folder for a demo copy, marked in use while this process lives.

    The mark is a lock on a file inside the folder, which the system drops when the process
    ends however it ends (a kernel killed by Voila closing or a hub culling it included).
    """
    root = Path(tempfile.gettempdir())
    sweep_demo_copies(root)
    folder = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX, dir=root))
    return folder, _mark_in_use(folder / _IN_USE)


def _mark_in_use(lock: Path) -> int | None:
    if sys.platform == "win32":  # no flock: stale copies are swept by age instead
        return None
    descriptor = os.open(lock, os.O_CREAT | os.O_WRONLY, 0o600)
    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return descriptor


def _remove_demo_folder(folder: Path, in_use: int | None) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    if in_use is not None:
        os.close(in_use)


def sweep_demo_copies(root: Path | None = None) -> list[Path]:
    """Remove the demo copies in ``root`` (the temp folder) that no live process holds.

    Only this user's folders named ``infoview-demo-*`` are looked at. A copy is stale when
    the lock its process held is free; a copy with no lock file is left alone for an hour (it
    may be one being made right now) and is stale after that. Returns the folders removed.
    """
    root = Path(tempfile.gettempdir()) if root is None else root
    removed = []
    try:
        candidates = sorted(root.glob(DEMO_PREFIX + "*"))
    except OSError:
        return []
    for folder in candidates:
        if _is_stale(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _is_stale(folder: Path) -> bool:
    try:
        info = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        return False
    lock = folder / _IN_USE
    if sys.platform == "win32" or not lock.exists():
        return _clock() - info.st_mtime > _UNMARKED_GRACE_SECONDS
    try:
        descriptor = os.open(lock, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # a live process holds it
    finally:
        os.close(descriptor)
    return True


def _at(day: date, minute: int, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=local_zone()) + timedelta(minutes=minute)


def fill_demo(tracker: Tracker, today: date) -> None:
    """Write the persona into an empty tracker, relative to ``today``."""
    data = persona()
    tracker.set_profile(**data["profile"])
    ids: dict[str, int] = {}
    for person in data["people"]:
        added = today - timedelta(days=person["added_days_ago"])
        ids[person["key"]] = tracker.add_person(
            person["name"],
            email=person["email"],
            company=person["company"],
            role=person["role"],
            url=person["url"],
            source=person["source"],
            tie=person["tie"],
            introduced_by=ids[person["introduced_by"]] if person["introduced_by"] else None,
            connected_on=added,
            notes=person["notes"],
        )
    touches = data["touches"]
    for index, touch in enumerate(touches):
        day = today - timedelta(days=touch["days_ago"])
        details = dict(touch["details"])
        if touch["kind"] == "scheduled":
            details.update(_meeting_details(touch, touches, today))
            details.pop("meets_in_days", None)
        tracker.log(
            ids[touch["person"]],
            touch["kind"],
            on=_at(day, index % 60),
            channel="email"
            if touch["kind"] not in {"interview", "thank_you_card", "gift"}
            else None,
            subject=touch["subject"],
            **details,
        )
    _save_plans(tracker, data, ids)


def _save_plans(tracker: Tracker, data: dict[str, Any], ids: dict[str, int]) -> None:
    """The question plans the persona saved, planned for each person as notebook 02 would."""
    from infoview.questions import Question, plan_questions

    for entry in data.get("plans", []):
        person = tracker.person(ids[entry["person"]])
        chosen = [Question(**q) if isinstance(q, dict) else q for q in entry["questions"]]
        plan = plan_questions(
            chosen, minutes=entry["minutes"], person=person, field=data["profile"]["field"]
        )
        tracker.save_plan(person.id, plan.to_dict(), title=plan.title)


def _meeting_details(
    touch: dict[str, Any], touches: list[dict[str, Any]], today: date
) -> dict[str, Any]:
    """When and where a scheduled meeting takes place."""
    details = touch["details"]
    if "meets_in_days" in details:
        day = today + timedelta(days=details["meets_in_days"])
    else:
        later = [
            t["days_ago"]
            for t in touches
            if t["person"] == touch["person"]
            and t["kind"] == "interview"
            and t["days_ago"] <= touch["days_ago"]
        ]
        day = today - timedelta(days=max(later)) if later else today
    start = datetime.combine(day, time(MEETING_HOUR, 0), tzinfo=local_zone())
    return {
        "start": start.isoformat(),
        "tz": str(local_zone()),
        "location": _PLACES.get(details.get("place_kind", ""), ""),
    }


_PLACES = {
    "office": "Their office (reception, ground floor)",
    "lunch": "Canteen near their office",
    "coffee": "Corner café near their office",
    "video": "Video call (link in their invitation)",
    "phone": "Phone call",
}
