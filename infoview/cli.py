"""The ``infoview`` command: the kit's functions from a terminal.

Every subcommand takes ``--tracker PATH`` (default: the workspace's tracker). Bad input
prints one line to stderr and exits with status 2; there is never a traceback for a
mistake a learner can make.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from infoview.errors import InfoviewError, shown

EXIT_USAGE = 2
Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are one line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"infoview: {_one_line(message)} (see 'infoview --help')\n")


def _one_line(text: str, limit: int = 300) -> str:
    """A message on one line, never longer than ``limit`` (arguments may hold anything)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date like 2026-03-14: {shown(text)}") from None


def _tracker(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from infoview.tracker import open_tracker

    return open_tracker(args.tracker)


def _out(text: str) -> None:
    text = text if text.endswith("\n") else text + "\n"
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:  # a file name that is not text, or a terminal that is not UTF-8
        encoding = sys.stdout.encoding or "utf-8"
        sys.stdout.write(text.encode(encoding, "replace").decode(encoding))


# ---------------------------------------------------------------- subcommands


def cmd_where(args: argparse.Namespace) -> int:
    """Print where the tracker lives."""
    from infoview.workspace import tracker_path

    _out(str(Path(args.tracker).expanduser() if args.tracker else tracker_path()))
    return 0


def cmd_export_csv(args: argparse.Namespace) -> int:
    with _tracker(args) as tracker:
        files = tracker.export_csv(args.folder)
    _out(f"exported {len(files)} tables to {Path(args.folder).expanduser()}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    with _tracker(args) as tracker:
        target = tracker.backup(args.file)
    _out(f"backed up {tracker.path} to {target}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from infoview.safekeeping import restore

    with restore(args.source, args.tracker) as tracker:
        people = len(tracker.people())
        path = tracker.path
    _out(f"restored {people} people into {path}")
    return 0


def cmd_due(args: argparse.Namespace) -> int:
    with _tracker(args) as tracker:
        table = tracker.due(today=args.today)
    table = table.assign(due_on=table["due_on"].astype("str"))
    if args.format == "csv":
        _out(table.to_csv(index=False))
    elif args.format == "json":
        _out(table.to_json(orient="records", force_ascii=False, indent=1))
    elif table.empty:
        _out("Nothing is due. Well done!")
    else:
        _out(table.drop(columns=["person_id"]).to_string(index=False))
    return 0


# ---------------------------------------------------------------- the parser


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="infoview", description=__doc__.splitlines()[0] if __doc__ else "")
    common = _Parser(add_help=False)
    common.add_argument("--tracker", metavar="PATH", help="tracker file (default: workspace)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def add(
        name: str, handler: Handler, help_text: str, **kwargs: object
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[common], help=help_text, **kwargs)  # type: ignore[arg-type]
        sub.set_defaults(handler=handler)
        return sub

    add("where", cmd_where, "show where your tracker lives")
    add("backup", cmd_backup, "copy your tracker to FILE").add_argument("file")
    add(
        "restore", cmd_restore, "make a tracker from a backup file or an export folder"
    ).add_argument("source")
    due = add("due", cmd_due, "list what is due, most urgent first")
    due.add_argument("--today", type=_day, help="pretend today is YYYY-MM-DD")
    due.add_argument("--format", choices=["table", "csv", "json"], default="table")

    export = commands.add_parser("export", help="export your data")
    what = export.add_subparsers(dest="what", required=True, parser_class=_Parser)
    csv_cmd = what.add_parser("csv", parents=[common], help="one Excel-safe CSV per table")
    csv_cmd.add_argument("folder")
    csv_cmd.set_defaults(handler=cmd_export_csv)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except InfoviewError as exc:
        sys.stderr.write(f"infoview: {_one_line(str(exc))}\n")
        return EXIT_USAGE
    except OSError as exc:
        problem = f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")
        sys.stderr.write(f"infoview: {_one_line(problem)}\n")
        return EXIT_USAGE
    return code


if __name__ == "__main__":
    sys.exit(main())
