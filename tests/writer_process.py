"""A separate process that logs touches and acknowledges each one on stdout.

Used by the reliability tests: ``python -m tests.writer_process TRACKER PERSON_ID COUNT``.
A line ``ack <id>`` is printed only after ``Tracker.log`` has returned, i.e. committed.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from infoview.tracker import open_tracker


def main() -> None:
    path, person_id, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open_tracker(path) as tracker:
        for number in range(count):
            touch_id = tracker.log(
                person_id,
                "update",
                on=datetime.now(UTC),
                body=f"note {number} " + "x" * 200,
                writer=sys.argv[4] if len(sys.argv) > 4 else "w",
            )
            sys.stdout.write(f"ack {touch_id}\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
