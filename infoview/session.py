"""How a notebook gets its tracker: the learner's own, or the demo persona on request.

Set ``INFOVIEW_DEMO=1`` to run any notebook on the fictional persona instead of your own
data (the tests and the advisor demo do); ``INFOVIEW_TODAY=YYYY-MM-DD`` pins the date.
"""

from __future__ import annotations

import os

from infoview.tracker import Tracker, open_tracker


def demo_mode() -> bool:
    """True when ``INFOVIEW_DEMO`` asks for the demo persona."""
    return os.environ.get("INFOVIEW_DEMO", "").strip().lower() in {"1", "true", "yes", "on"}


def start() -> Tracker:
    """The tracker a notebook works on: the demo persona if ``INFOVIEW_DEMO=1``, else yours."""
    if demo_mode():
        from infoview.demo import open_demo  # the persona's module loads only when asked for

        return open_demo()
    return open_tracker()
