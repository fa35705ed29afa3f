"""The participant summary file: an anonymous JSON record of one learner's progress.

It holds counts and rates only, in a fixed shape: people per stage, touches per kind,
people contacted and answering by route (cold or warm), the median days to a first reply,
and the milestones reached. A random token stands for the participant. Reading a file checks
every field and refuses anything else, so a file with extra fields (a name, say) is rejected.

>>> summary = build_summary(token="0123abcd", version="0.1.0", as_of=date(2026, 11, 26),
...     people=0, touches=0, question_plans=0, stages={}, touch_kinds={},
...     reply_rates={"cold": rate(0, 0), "warm": rate(0, 0)}, days=[], milestones=["profile"])
>>> validate_summary(summary)["milestones"]
{'reached': ['profile'], 'count': 1, 'of': 5}
>>> validate_summary({**summary, "name": "Ana"})
Traceback (most recent call last):
...
infoview.errors.ImportProblem: summary: unexpected field 'name': ...
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from infoview.errors import ImportProblem, shown
from infoview.model import Stage, TouchKind

SCHEMA = "infoview-participant-summary"
SCHEMA_VERSION = 1
ROUTES = ("cold", "warm")
# The file's milestone names, in course order (infoview.progress.MILESTONES has the same;
# a test holds them together): part of the file's format, so fixed here.
MILESTONE_KEYS = ("profile", "outreach", "questions", "meeting", "thanked")
STAGES = tuple(stage.value for stage in Stage)
KINDS = tuple(kind.value for kind in TouchKind)
_MAX_FILE_BYTES = 256 * 1024
_TOKEN = re.compile(r"^[0-9a-f]{8,32}$")
_VERSION = re.compile(r"^[0-9A-Za-z.+-]{1,20}$")
_Problem = Callable[[str], ImportProblem]


def participant_summary_keys() -> tuple[str, ...]:
    """The only top-level fields a participant summary may hold."""
    return (
        "schema",
        "schema_version",
        "infoview_version",
        "participant",
        "as_of",
        "people",
        "touches",
        "question_plans",
        "stages",
        "touch_kinds",
        "reply_rates",
        "days_to_first_reply",
        "milestones",
    )


def rate(contacted: int, replied: int) -> dict[str, Any]:
    """People contacted on one route, how many answered, and the share."""
    return {
        "contacted": contacted,
        "replied": replied,
        "rate": round(replied / contacted, 4) if contacted else None,
    }


def median(values: Iterable[float]) -> float | None:
    """The median to one decimal, or None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    value = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return round(value, 1)


def build_summary(
    *,
    token: str,
    version: str,
    as_of: date,
    people: int,
    touches: int,
    question_plans: int,
    stages: Mapping[str, int],
    touch_kinds: Mapping[str, int],
    reply_rates: Mapping[str, Mapping[str, Any]],
    days: list[float],
    milestones: Iterable[str],
) -> dict[str, Any]:
    """A summary in its one fixed shape (the only place that shape is written down)."""
    done = [key for key in MILESTONE_KEYS if key in set(milestones)]
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "infoview_version": version,
        "participant": token,
        "as_of": as_of.isoformat(),
        "people": people,
        "touches": touches,
        "question_plans": question_plans,
        "stages": dict(stages),
        "touch_kinds": dict(touch_kinds),
        "reply_rates": {route: dict(reply_rates[route]) for route in ROUTES},
        "days_to_first_reply": {"median": median(days), "replies": len(days)},
        "milestones": {"reached": done, "count": len(done), "of": len(MILESTONE_KEYS)},
    }


def read_summary(path: str | Path) -> dict[str, Any]:
    """Read and check one summary file; problems name the file."""
    path = Path(path).expanduser()
    name = str(path)
    if not path.is_file():
        raise ImportProblem(name, None, "no such file")
    if path.stat().st_size > _MAX_FILE_BYTES:
        raise ImportProblem(name, None, "too large to be a participant summary")
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise ImportProblem(name, None, "not a participant summary (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise ImportProblem(
            name, exc.lineno, f"not a participant summary (invalid JSON: {exc.msg})"
        ) from None
    return validate_summary(data, name)


def validate_summary(data: object, source: str = "summary") -> dict[str, Any]:
    """Check a summary's shape and values; returns a clean copy or raises ImportProblem."""

    def problem(text: str) -> ImportProblem:
        return ImportProblem(source, None, text)

    data = _check_header(data, problem)
    try:
        as_of = date.fromisoformat(str(data["as_of"]))
    except ValueError:
        raise problem(
            f"as_of must be a date like 2026-11-26 (got {shown(data['as_of'])})"
        ) from None
    for field in ("people", "touches", "question_plans"):
        if not _count(data[field]):
            raise problem(f"{field} must be a whole number, 0 or more (got {shown(data[field])})")
    stages = _counts(data["stages"], STAGES, "stages", problem)
    if sum(stages.values()) != data["people"]:
        raise problem("the stage counts do not add up to the number of people")
    kinds = _counts(data["touch_kinds"], KINDS, "touch_kinds", problem)
    rates = _reply_rates(data["reply_rates"], problem)
    days = data["days_to_first_reply"]
    if (
        not isinstance(days, dict)
        or set(days) != {"median", "replies"}
        or not _count(days["replies"])
        or not (days["median"] is None or _number(days["median"]))
    ):
        raise problem("days_to_first_reply must be {'median': days or null, 'replies': count}")
    reached = _milestones(data["milestones"], problem)
    return {
        **data,
        "as_of": as_of.isoformat(),
        "stages": stages,
        "touch_kinds": kinds,
        "reply_rates": rates,
        "days_to_first_reply": dict(days),
        "milestones": {"reached": reached, "count": len(reached), "of": len(MILESTONE_KEYS)},
    }


def _check_header(data: object, problem: _Problem) -> dict[str, Any]:
    """The schema, its version, exactly the known fields, and the participant token."""
    if not isinstance(data, dict):
        raise problem("not a participant summary (expected a JSON object)")
    if data.get("schema") != SCHEMA:
        raise problem(f"not a participant summary (schema should be {SCHEMA!r})")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise problem("schema_version must be a whole number")
    if version > SCHEMA_VERSION:
        raise problem(f"made by a newer infoview (schema {version}); update infoview to read it")
    allowed = set(participant_summary_keys())
    extra = sorted(set(data) - allowed)
    if extra:
        raise problem(f"unexpected field {shown(extra[0])}: a summary holds only counts and rates")
    missing = sorted(allowed - set(data))
    if missing:
        raise problem(f"missing field {shown(missing[0])}")
    if not isinstance(data["participant"], str) or not _TOKEN.match(data["participant"]):
        raise problem("participant must be a random token of 8-32 hex digits")
    if not isinstance(data["infoview_version"], str) or not _VERSION.match(
        data["infoview_version"]
    ):
        raise problem("infoview_version must be a short version string")
    return data


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 1e6


def _counts(value: object, names: tuple[str, ...], field: str, problem: _Problem) -> dict[str, int]:
    if not isinstance(value, dict):
        raise problem(f"{field} must map names to counts")
    unknown = sorted(set(value) - set(names))
    if unknown:
        raise problem(f"{field} has an unknown name {shown(unknown[0])}")
    if not all(_count(v) for v in value.values()):
        raise problem(f"{field} must hold whole numbers, 0 or more")
    return {name: int(value.get(name, 0)) for name in names}


def _reply_rates(value: object, problem: _Problem) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict) or set(value) != set(ROUTES):
        raise problem("reply_rates must have exactly 'cold' and 'warm'")
    clean = {}
    for route in ROUTES:
        entry = value[route]
        if not isinstance(entry, dict) or not {"contacted", "replied"} <= set(entry):
            raise problem(f"reply_rates.{route} needs 'contacted' and 'replied'")
        if set(entry) - {"contacted", "replied", "rate"}:
            raise problem(f"reply_rates.{route} has an unexpected field")
        contacted, replied = entry["contacted"], entry["replied"]
        if not (_count(contacted) and _count(replied)) or replied > contacted:
            raise problem(f"reply_rates.{route}: replied must be a count no larger than contacted")
        clean[route] = rate(contacted, replied)
    return clean


def _milestones(value: object, problem: _Problem) -> list[str]:
    reached = value.get("reached") if isinstance(value, dict) else None
    if not isinstance(reached, list) or not all(isinstance(k, str) for k in reached):
        raise problem("milestones.reached must be a list of milestone names")
    unknown = sorted(set(reached) - set(MILESTONE_KEYS))
    if unknown:
        raise problem(
            f"milestones.reached has an unknown milestone {shown(unknown[0])}"
            f" (choices: {', '.join(MILESTONE_KEYS)})"
        )
    return [key for key in MILESTONE_KEYS if key in reached]
