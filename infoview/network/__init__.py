"""Step 5, growing your network: bringing contacts in, measuring the network, charting it.

Every name here is re-exported from smaller modules: ``metrics`` (pure functions over the
tracker's frames: growth, the funnel, reply times, referrals, the self-check), ``charts``
(a :class:`Chart` for each of them, and :func:`draw`; matplotlib loads only when a chart is
drawn), ``imports`` (LinkedIn, vCard and CSV imports: a preview, then one all-or-nothing
write) and ``matching`` (how an imported contact is matched to someone already known).

>>> FUNNEL_STAGES
('contacted', 'replied', 'met', 'thanked', 'ongoing')
>>> CHART_NAMES
('growth', 'funnel', 'replies', 'respondents', 'tree', 'activity')
>>> import_vcard.__module__
'infoview.network.imports'
"""

from __future__ import annotations

from infoview.network.charts import (
    CHART_NAMES,
    Chart,
    activity_chart,
    draw,
    funnel_chart,
    growth_chart,
    referral_tree_chart,
    reply_times_chart,
    respondents_chart,
)
from infoview.network.imports import (
    ImportPreview,
    ImportResult,
    apply_import,
    import_csv,
    import_linkedin,
    import_vcard,
    preview_import,
)
from infoview.network.metrics import (
    ACTIVITY_GROUPS,
    FUNNEL_STAGES,
    GROUPINGS,
    RESPONDENT_TYPES,
    ROUTES,
    for_people,
    funnel,
    growth,
    join_days,
    local_day,
    referral_tree,
    referrals,
    referrals_per_meeting,
    reminder_day,
    reply_times,
    respondent_types,
    routes,
    select_people,
    self_check,
    stage_levels,
    weekly_activity,
)

__all__ = [
    "ACTIVITY_GROUPS",
    "CHART_NAMES",
    "FUNNEL_STAGES",
    "GROUPINGS",
    "RESPONDENT_TYPES",
    "ROUTES",
    "Chart",
    "ImportPreview",
    "ImportResult",
    "activity_chart",
    "apply_import",
    "draw",
    "for_people",
    "funnel",
    "funnel_chart",
    "growth",
    "growth_chart",
    "import_csv",
    "import_linkedin",
    "import_vcard",
    "join_days",
    "local_day",
    "preview_import",
    "referral_tree",
    "referral_tree_chart",
    "referrals",
    "referrals_per_meeting",
    "reminder_day",
    "reply_times",
    "reply_times_chart",
    "respondent_types",
    "respondents_chart",
    "routes",
    "select_people",
    "self_check",
    "stage_levels",
    "weekly_activity",
]
