"""A separate process that edits one field of one person again and again, counting reverts.

Used by the reliability tests: ``python -m tests.editor_process TRACKER PERSON_ID FIELD COUNT``.
Only this process writes ``FIELD``, so before each edit the field must still hold the value
this process wrote last; any other value is an edit of ours that another program reverted.
It prints ``lost N`` at the end.
"""

from __future__ import annotations

import sys

from infoview.tracker import open_tracker


def main() -> None:
    path, person_id, field, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    lost = 0
    with open_tracker(path) as tracker:
        expected = getattr(tracker.person(person_id), field)
        for number in range(count):
            if getattr(tracker.person(person_id), field) != expected:
                lost += 1
            expected = f"{field} {number}"
            tracker.update_person(person_id, **{field: expected})
    sys.stdout.write(f"lost {lost}\n")


if __name__ == "__main__":
    main()
