"""Privacy-first workshop summaries: one anonymous file per participant, one report per cohort.

:func:`participant_summary` turns a tracker into counts only: people per stage, touches per
kind, reply rates for cold and warm approaches, the median days to a first reply and the
milestones reached. It holds no names, emails, companies, subjects, notes or other free
text, and no person ids; the participant is a random token. :func:`cohort_report` reads
many such files and charts them for an advisor's debrief.

>>> summaries = generate_summaries(12, seed=3, as_of=date(2026, 11, 26))
>>> report = cohort_report(summaries)
>>> report.participants
12
>>> sorted(report.reply_rates().index)
['cold', 'warm']
>>> report.milestone_histogram().sum()
np.int64(12)
"""

from __future__ import annotations

import json
import random
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from infoview.clock import resolve_today
from infoview.errors import ImportProblem
from infoview.formats.summary import (
    KINDS,
    MILESTONE_KEYS,
    ROUTES,
    STAGES,
    build_summary,
    median,
    rate,
    read_summary,
    validate_summary,
)
from infoview.progress import MILESTONES, progress
from infoview.text import days_text
from infoview.workspace import writable_target, write_atomic

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from infoview.tracker import Tracker

# They answered: any word back, a yes, a no, or a meeting.
ANSWER_KINDS = ("reply", "declined", "scheduled", "confirmed", "interview")
# The learner reached them: an email of their own, or a friend's introduction.
REACH_KINDS = ("outreach", "introduced")


# ---------------------------------------------------------------- one participant


def stage_counts(journey: pd.DataFrame) -> dict[str, int]:
    """People per stage, in the journey's order, with every stage present (zeros too)."""
    counts = journey["stage"].value_counts()
    return {stage: int(counts.get(stage, 0)) for stage in STAGES}


def _routes(tracker: Tracker, people: pd.DataFrame) -> pd.Series:
    """Per person id: 'warm' when a friend was involved, else 'cold'."""
    warm = people["source"].eq("warm") | people["introduced_by"].notna()
    route = pd.Series(warm.to_numpy(), index=people["id"].to_numpy())
    touches = tracker.touches()
    if not touches.empty:
        via_friend = touches["kind"].isin(["intro_requested", "introduced"]) | (
            touches["kind"].isin(["outreach", "reminder"])
            & touches["details"].map(lambda d: isinstance(d, dict) and d.get("route") == "warm")
        )
        warm_ids = set(touches.loc[via_friend, "person_id"].astype("int64"))
        route = route | route.index.isin(list(warm_ids))
    return route.map({True: "warm", False: "cold"})


def participant_summary(
    tracker: Tracker, today: date | None = None, *, token: str | None = None
) -> dict[str, Any]:
    """An anonymous summary of one participant's progress: counts and rates, nothing personal.

    ``token`` identifies the file in a cohort; by default it is random, so two exports of the
    same tracker cannot be linked to each other or to the person.
    """
    from infoview import __version__

    today = resolve_today(today)
    people = tracker.people()
    summary = tracker.touch_summary()
    journey = tracker.journey(today=today)
    first = summary.pivot_table(index="person_id", columns="kind", values="first_at", aggfunc="min")
    reached = _earliest(first, REACH_KINDS)
    answered = _earliest(first, ANSWER_KINDS)
    route = _routes(tracker, people) if not people.empty else pd.Series(dtype="str")
    rates: dict[str, dict[str, Any]] = {}
    contacted_ids = reached.dropna().index
    for name in ROUTES:
        ids = [pid for pid in contacted_ids if route.get(pid) == name]
        replied = int(answered.reindex(ids).notna().sum())
        rates[name] = rate(len(ids), replied)
    waits = (answered - reached).reindex(contacted_ids).dropna()
    days = [max(0.0, wait.total_seconds() / 86400) for wait in waits]
    kinds = summary.groupby("kind")["count"].sum()
    built = build_summary(
        token=token if token is not None else secrets.token_hex(8),
        version=__version__,
        as_of=today,
        people=len(people),
        touches=int(summary["count"].sum()),
        question_plans=len(tracker.plans()),
        stages=stage_counts(journey),
        touch_kinds={kind: int(kinds.get(kind, 0)) for kind in KINDS},
        reply_rates=rates,
        days=days,
        milestones=progress(tracker).done,
    )
    return validate_summary(built, "participant summary")


def _earliest(first: pd.DataFrame, kinds: Iterable[str]) -> pd.Series:
    columns = [first[kind] for kind in kinds if kind in first]
    if not columns:
        return pd.Series(pd.NaT, index=first.index, dtype="datetime64[ns, UTC]")
    return pd.concat(columns, axis=1).min(axis=1)


def export_summary(
    tracker: Tracker, path: str | Path, today: date | None = None, *, force: bool = False
) -> Path:
    """Write the anonymous summary as JSON to ``path`` (an existing file only with ``force``)."""
    target = writable_target(path, "summary", force=force)
    text = json.dumps(participant_summary(tracker, today=today), indent=1) + "\n"
    return write_atomic(target, text)


# ---------------------------------------------------------------- synthetic cohorts


def generate_summaries(n: int, seed: int = 0, *, as_of: date | None = None) -> list[dict[str, Any]]:
    """``n`` made-up participant summaries for demonstrations; the same seed, the same cohort.

    A simple model of a workshop: most people write a profile, fewer reach each later
    milestone; cold emails are answered about a third of the time, warm ones about twice as
    often.
    """
    rng = random.Random(seed)
    day = resolve_today(as_of)
    weights = (2, 4, 6, 6, 4, 3)  # participants reaching 0..5 milestones
    return [_synthetic(rng, day, rng.choices(range(6), weights)[0]) for _ in range(n)]


def _synthetic(rng: random.Random, day: date, level: int) -> dict[str, Any]:
    people = rng.randint(8, 45) if level else rng.randint(0, 6)
    cold = rng.randint(1, min(10, people)) if level >= 2 and people else 0
    warm = rng.randint(0, min(4, people - cold)) if level >= 2 else 0
    cold_replied = sum(rng.random() < 0.33 for _ in range(cold))
    warm_replied = sum(rng.random() < 0.65 for _ in range(warm))
    replied = cold_replied + warm_replied
    met = min(replied, rng.randint(1, 3)) if level >= 4 else 0
    thanked = met if level >= 5 else 0
    stages = dict.fromkeys(STAGES, 0)
    stages["thanked"] = thanked
    stages["met"] = met - thanked
    stages["replied"] = replied - met
    stages["contacted"] = cold + warm - replied
    stages["identified"] = people - cold - warm
    kinds = dict.fromkeys(KINDS, 0)
    kinds.update(
        outreach=cold + warm, reply=replied, scheduled=met, interview=met, thank_you_email=thanked
    )
    days = [round(rng.uniform(0.3, 8.0), 1) for _ in range(replied)]
    return build_summary(
        token=f"{rng.getrandbits(64):016x}",
        version="synthetic",
        as_of=day,
        people=people,
        touches=sum(kinds.values()),
        question_plans=1 if level >= 3 else 0,
        stages=stages,
        touch_kinds=kinds,
        reply_rates={"cold": rate(cold, cold_replied), "warm": rate(warm, warm_replied)},
        days=days,
        milestones=MILESTONE_KEYS[:level],
    )


# ---------------------------------------------------------------- the cohort report


def cohort_report(files: Iterable[str | Path | Mapping[str, Any]]) -> CohortReport:
    """Read summary files (or folders of ``*.json``, or summaries already loaded) into a report."""
    summaries: list[dict[str, Any]] = []
    sources: list[str] = []
    for item in files:
        if isinstance(item, Mapping):
            label = f"summary {len(summaries) + 1}"
            summaries.append(validate_summary(dict(item), label))
            sources.append(label)
            continue
        path = Path(item).expanduser()
        paths = sorted(path.glob("*.json")) if path.is_dir() else [path]
        if path.is_dir() and not paths:
            raise ImportProblem(str(path), None, "this folder holds no .json summary files")
        for each in paths:
            summaries.append(read_summary(each))
            sources.append(each.name)
    return CohortReport(tuple(summaries), tuple(sources))


@dataclass(frozen=True, eq=False)
class CohortReport:
    """A workshop's summaries side by side: how far people got, and who answered them."""

    summaries: tuple[dict[str, Any], ...]
    sources: tuple[str, ...] = ()

    @property
    def participants(self) -> int:
        return len(self.summaries)

    def frame(self) -> pd.DataFrame:
        """One row a participant: milestones, people, contacts and replies by route."""
        rows = [
            {
                "participant": s["participant"],
                "milestones": s["milestones"]["count"],
                "people": s["people"],
                "contacted_cold": s["reply_rates"]["cold"]["contacted"],
                "replied_cold": s["reply_rates"]["cold"]["replied"],
                "contacted_warm": s["reply_rates"]["warm"]["contacted"],
                "replied_warm": s["reply_rates"]["warm"]["replied"],
                "median_days_to_reply": s["days_to_first_reply"]["median"],
            }
            for s in self.summaries
        ]
        columns = ["participant", "milestones", "people", "contacted_cold", "replied_cold"]
        columns += ["contacted_warm", "replied_warm", "median_days_to_reply"]
        return pd.DataFrame(rows, columns=columns).astype({"median_days_to_reply": "float64"})

    def milestone_histogram(self) -> pd.Series:
        """How many participants reached exactly 0, 1, ... 5 milestones."""
        counts = pd.Series([s["milestones"]["count"] for s in self.summaries], dtype="int64")
        index = pd.RangeIndex(len(MILESTONE_KEYS) + 1, name="milestones reached")
        return counts.value_counts().reindex(index, fill_value=0).rename("participants")

    def milestone_reach(self) -> pd.Series:
        """How many participants reached each milestone, in the order of the notebooks."""
        reached = [key for s in self.summaries for key in s["milestones"]["reached"]]
        labels = {key: label for key, label, _ in MILESTONES}
        values = [reached.count(key) for key in MILESTONE_KEYS]
        index = pd.Index([labels[key] for key in MILESTONE_KEYS], name="milestone")
        return pd.Series(values, index=index, name="participants", dtype="int64")

    def reply_rates(self) -> pd.DataFrame:
        """Per route: people contacted and replies, pooled over the cohort, and the rate."""
        rows = {}
        for route in ROUTES:
            contacted, replied = self._pooled(route)
            writers = sum(s["reply_rates"][route]["contacted"] > 0 for s in self.summaries)
            rows[route] = {
                "participants": writers,
                "contacted": contacted,
                "replied": replied,
                "rate": replied / contacted if contacted else float("nan"),
            }
        frame = pd.DataFrame.from_dict(rows, orient="index")
        frame.index.name = "route"
        return frame.astype({"participants": "int64", "contacted": "int64", "replied": "int64"})

    def _pooled(self, route: str) -> tuple[int, int]:
        """People contacted and people who answered on ``route``, over the whole cohort."""
        entries = [s["reply_rates"][route] for s in self.summaries]
        return sum(e["contacted"] for e in entries), sum(e["replied"] for e in entries)

    def stage_totals(self) -> pd.Series:
        """People per stage, added up over the cohort."""
        values = [sum(s["stages"][stage] for s in self.summaries) for stage in STAGES]
        return pd.Series(values, index=pd.Index(STAGES, name="stage"), name="people")

    @property
    def median_days_to_first_reply(self) -> float | None:
        """The middle of the participants' own median waits for a first reply."""
        return median(
            s["days_to_first_reply"]["median"]
            for s in self.summaries
            if s["days_to_first_reply"]["median"] is not None
        )

    def milestones_figure(self) -> Figure:
        from infoview.workshop.charts import milestones_figure

        return milestones_figure(self.milestone_histogram())

    def reply_rates_figure(self) -> Figure:
        from infoview.workshop.charts import reply_rates_figure

        return reply_rates_figure(self.reply_rates())

    def __repr__(self) -> str:
        return f"CohortReport({self.participants} participants): " + "; ".join(self._headlines())

    def _headlines(self) -> list[str]:
        lines = [f"{int(self.milestone_histogram().iloc[-1])} reached all five milestones"]
        for route in ROUTES:
            contacted, replied = self._pooled(route)
            share = f"{replied / contacted:.0%}" if contacted else "no emails yet"
            lines.append(f"{route} reply rate {share} ({replied}/{contacted})")
        days = self.median_days_to_first_reply
        lines.append(
            f"median wait for a first reply {days_text(days)}" if days is not None else "no replies"
        )
        return lines

    def _repr_html_(self) -> str:
        from infoview.workshop.charts import report_html

        return report_html(self, self._headlines())
