"""Write JupyterLab setting overrides for this environment.

Cells off screen are not rendered in the default windowing mode, which hides widgets
from browser tests and from screen readers alike; news fetching would try the network.
"""

import json
import sys
from pathlib import Path

OVERRIDES = {
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "defer"},
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def main() -> None:
    target = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    current = json.loads(target.read_text(encoding="utf-8")) if target.exists() else {}
    current.update(OVERRIDES)
    target.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")
    print(f"JupyterLab overrides written to {target}")  # noqa: T201


if __name__ == "__main__":
    main()
