"""Workshop tools for an advisor: delivering the kit, and privacy-first cohort reports.

Every name here is re-exported from smaller modules: ``cohort`` (anonymous participant
summaries and the cohort report built from many of them), ``charts`` (the report's charts
and HTML; matplotlib loads only when a chart is drawn) and ``delivery`` (nbgitpuller links
that bring the kit to a JupyterHub).

>>> cohort_report(generate_summaries(5, seed=1)).participants
5
>>> nbgitpuller_link.__module__
'infoview.workshop.delivery'
"""

from __future__ import annotations

from infoview.workshop.charts import (
    figure_png,
    milestones_figure,
    reply_rates_figure,
    report_html,
)
from infoview.workshop.cohort import (
    ANSWER_KINDS,
    REACH_KINDS,
    CohortReport,
    cohort_report,
    export_summary,
    generate_summaries,
    participant_summary,
    stage_counts,
)
from infoview.workshop.delivery import (
    START_NOTEBOOK,
    checkout_remote,
    https_address,
    nbgitpuller_link,
    repo_address,
    repo_folder,
)

__all__ = [
    "ANSWER_KINDS",
    "REACH_KINDS",
    "START_NOTEBOOK",
    "CohortReport",
    "checkout_remote",
    "cohort_report",
    "export_summary",
    "figure_png",
    "generate_summaries",
    "https_address",
    "milestones_figure",
    "nbgitpuller_link",
    "participant_summary",
    "reply_rates_figure",
    "repo_address",
    "repo_folder",
    "report_html",
    "stage_counts",
]
