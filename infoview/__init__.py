"""infoview: a Jupyter coaching kit for learning and running informational interviews.

Start with :func:`open_tracker` (your own data), :func:`open_demo` (the fictional persona)
or :func:`start` (what a notebook uses). Each step of the method is a module reachable from
here (``iv.outreach``, ``iv.questions``, ``iv.meeting``, ``iv.followup``, ``iv.network``,
and the advisor's ``iv.workshop``) and its front-door functions are too
(``iv.review(draft)``, ``iv.plan_questions(...)``). Those load on first use, so
``import infoview`` stays quick.

>>> import infoview as iv
>>> iv.plan_questions.__module__
'infoview.questions.plan'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from infoview.due import due, due_list
from infoview.errors import InfoviewError
from infoview.progress import check_profile, progress
from infoview.session import start
from infoview.tracker import Tracker, open_tracker
from infoview.workspace import data_dir

if TYPE_CHECKING:
    from infoview.demo import open_demo
    from infoview.drafts import Draft
    from infoview.rules import policy
    from infoview.safekeeping import restore

__version__ = "0.1.0"

# Step modules, and front-door names from modules a tracker does not need: loaded on first use.
_STEP_MODULES = (
    "outreach",
    "questions",
    "meeting",
    "followup",
    "network",
    "workshop",
)
_FRONT_DOOR = {
    "Draft": "infoview.drafts",
    "open_demo": "infoview.demo",
    "policy": "infoview.rules",
    "restore": "infoview.safekeeping",
    "review": "infoview.outreach",
    "targets": "infoview.outreach",
    "reminders_due": "infoview.outreach",
    "plan_questions": "infoview.questions",
    "check_plan": "infoview.questions",
    "load_bank": "infoview.questions",
    "Meeting": "infoview.meeting",
    "checklist": "infoview.meeting",
    "Debrief": "infoview.followup",
    "log_debrief": "infoview.followup",
    "thank_you_email": "infoview.followup",
    "review_thanks": "infoview.followup",
    "import_linkedin": "infoview.network",
    "import_vcard": "infoview.network",
    "import_csv": "infoview.network",
    "cohort_report": "infoview.workshop",
    "participant_summary": "infoview.workshop",
    "generate_summaries": "infoview.workshop",
}

__all__ = [
    "Debrief",
    "Draft",
    "InfoviewError",
    "Meeting",
    "Tracker",
    "check_plan",
    "check_profile",
    "checklist",
    "cohort_report",
    "data_dir",
    "due",
    "due_list",
    "followup",
    "generate_summaries",
    "import_csv",
    "import_linkedin",
    "import_vcard",
    "load_bank",
    "log_debrief",
    "meeting",
    "network",
    "open_demo",
    "open_tracker",
    "outreach",
    "participant_summary",
    "plan_questions",
    "policy",
    "progress",
    "questions",
    "reminders_due",
    "restore",
    "review",
    "review_thanks",
    "start",
    "targets",
    "thank_you_email",
    "workshop",
]


def __getattr__(name: str) -> Any:
    if name in _STEP_MODULES:
        return importlib.import_module(f"infoview.{name}")
    if name in _FRONT_DOOR:
        return getattr(importlib.import_module(_FRONT_DOOR[name]), name)
    raise AttributeError(f"module 'infoview' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
