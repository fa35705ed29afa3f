"""infoview: a Jupyter coaching kit for learning and running informational interviews.

Start with :func:`open_tracker` (your own data) or :func:`open_demo` (the fictional persona).
"""

from infoview.demo import open_demo
from infoview.due import due
from infoview.errors import InfoviewError
from infoview.progress import check_profile, progress
from infoview.rules import policy
from infoview.safekeeping import restore
from infoview.session import start
from infoview.tracker import Tracker, open_tracker
from infoview.workspace import data_dir

__version__ = "0.1.0"

__all__ = [
    "InfoviewError",
    "Tracker",
    "check_profile",
    "data_dir",
    "due",
    "open_demo",
    "open_tracker",
    "policy",
    "progress",
    "restore",
    "start",
]
