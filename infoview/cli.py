"""The ``infoview`` command: the kit's functions from a terminal.

Every subcommand takes ``--tracker PATH`` (default: the workspace's tracker). Bad input
prints one line to stderr and exits with status 2; there is never a traceback for a
mistake a learner can make.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from infoview.errors import InfoviewError, shown

if TYPE_CHECKING:
    from infoview.rules import Policy

EXIT_USAGE = 2
Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are one line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"infoview: {_one_line(message)} (see 'infoview --help')\n")


def _one_line(text: str, limit: int = 500) -> str:
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
        files = tracker.export_csv(args.folder, force=args.force)
    _out(f"exported {len(files)} tables to {Path(args.folder).expanduser()}")
    return 0


def cmd_export_ics(args: argparse.Namespace) -> int:
    """Write every upcoming meeting and follow-up to one calendar file."""
    from infoview.meeting import calendar_export
    from infoview.workspace import writable_target, write_atomic

    with _tracker(args) as tracker:
        target = writable_target(args.file, "calendar file", force=args.force)
        data, count = calendar_export(tracker, today=args.today)
    if not count:
        _out("No upcoming meetings or follow-ups to export; no file written.")
        return 0
    target = write_atomic(target, data)
    _out(f"wrote {count} calendar events to {target}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    with _tracker(args) as tracker:
        target = tracker.backup(args.file, force=args.force)
    _out(f"backed up {tracker.path} to {target}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from infoview.safekeeping import restore

    with restore(args.source, args.tracker) as tracker:
        people = len(tracker.people())
        path = tracker.path
    _out(f"restored {people} people into {path}")
    return 0


def _due_rules(mode: str | None) -> Policy | None:
    """The policy for ``--mode``: 3b7 switches Dalton's routine on, guide switches it off."""
    if mode is None:
        return None
    from infoview.rules import policy

    return policy().switch("contact.3b7", on=mode == "3b7")


def cmd_due(args: argparse.Namespace) -> int:
    with _tracker(args) as tracker:
        table = tracker.due(today=args.today, rules=_due_rules(args.mode))
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


def cmd_questions(args: argparse.Namespace) -> int:
    """Print the latest saved question plan as Markdown; --sheet also writes the sheet."""
    from infoview.questions import latest_plan, save_sheet

    with _tracker(args) as tracker:
        plan = latest_plan(tracker, args.person)
    if plan is None:
        _out("No question plan saved yet: build one in notebooks/02_drafting_questions.ipynb")
        return 0
    _out(plan.to_markdown())
    if args.sheet:
        _out(f"Printable sheet: {save_sheet(plan)}")
    return 0


def _add_questions_command(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
) -> None:
    questions = commands.add_parser(
        "questions", parents=[common], help="show your latest question plan (Markdown)"
    )
    questions.add_argument("--person", type=int, metavar="ID", help="the plan for this person")
    questions.add_argument("--sheet", action="store_true", help="also write the printable sheet")
    questions.set_defaults(handler=cmd_questions)


def cmd_link(args: argparse.Namespace) -> int:
    """Print an nbgitpuller link that opens notebook 00 on a JupyterHub."""
    from infoview.workshop.delivery import checkout_remote, nbgitpuller_link

    repo = args.repo or checkout_remote()
    if not repo:
        sys.stderr.write(
            f"infoview: no --repo given, and the folder this was run from ({Path.cwd()}) "
            "is not in a git repository with an 'origin' remote; run it from your copy of "
            "the kit's repository, or pass --repo https://github.com/your-group/infoview "
            "(the address your code host's Clone button gives)\n"
        )
        return EXIT_USAGE
    _out(nbgitpuller_link(args.hub, repo, branch=args.branch))
    return 0


def cmd_export_summary(args: argparse.Namespace) -> int:
    """Write the anonymous progress summary a workshop's advisor collects."""
    from infoview.workshop import export_summary

    with _tracker(args) as tracker:
        target = export_summary(tracker, args.file, today=args.today, force=args.force)
    _out(f"wrote an anonymous summary (counts only: no names, emails or notes) to {target}")
    return 0


def _add_link_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    link = commands.add_parser(
        "link", help="print an nbgitpuller link that opens notebook 00 on a JupyterHub"
    )
    link.add_argument("--hub", required=True, metavar="URL", help="e.g. https://hub.example.org")
    link.add_argument("--branch", default="main", help="branch to pull (default: main)")
    link.add_argument(
        "--repo",
        metavar="URL",
        help="git address of the kit (default: the origin remote of the repository you are in)",
    )
    link.set_defaults(handler=cmd_link)


def _add_export_summary_command(
    what: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
) -> None:
    summary = what.add_parser(
        "summary",
        parents=[common],
        help="an anonymous progress summary for your workshop's advisor (counts only)",
    )
    summary.add_argument("file", help="where to write the .json file")
    summary.add_argument("--today", type=_day, help="pretend today is YYYY-MM-DD")
    _add_force(summary)
    summary.set_defaults(handler=cmd_export_summary)


def _add_force(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--force",
        action="store_true",
        help="replace a file that is already there (never the tracker or its backups)",
    )


def _mapping(text: str) -> tuple[str, str]:
    column, sep, field = text.partition("=")
    if not sep or not column.strip() or not field.strip():
        raise argparse.ArgumentTypeError(f"use COLUMN=FIELD, like 'Full name=name' (got {text!r})")
    return column.strip(), field.strip()


def cmd_import(args: argparse.Namespace) -> int:
    """Import contacts: read, preview, then (unless --dry-run) write all or nothing."""
    from infoview.network import imports

    day_first = {None: None, "day-first": True, "month-first": False}[args.dates]
    with _tracker(args) as tracker:
        options = {"dry_run": True, "add_anyway": args.add_possible}
        if args.what == "linkedin":
            extras = {"invitations": args.invitations, "messages": args.messages}
            preview = imports.import_linkedin(
                tracker, args.file, **options, **extras, day_first=day_first
            )
        elif args.what == "vcard":
            preview = imports.import_vcard(tracker, args.file, **options)
        else:
            preview = imports.import_csv(
                tracker, args.file, dict(args.map), **options, day_first=day_first
            )
        if args.report:
            saved = preview.save_report(args.report)
        if args.dry_run:
            text = preview.as_text()
            if preview.asks_date_order:
                text += "\n  (add --dates day-first or --dates month-first)"
            _out(text + (f"\nReport saved to {saved}" if args.report else ""))
            return 0
        result = imports.apply_import(tracker, preview)
    _out(
        f"{result.file}: {result.summary()}" + (f"\nReport saved to {saved}" if args.report else "")
    )
    return 0


def _add_import_commands(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
) -> None:
    """``infoview import linkedin|vcard|csv FILE``."""
    what = commands.add_parser("import", help="import contacts (LinkedIn, vCard or CSV)")
    kinds = what.add_subparsers(dest="what", required=True, parser_class=_Parser)
    helps = {
        "linkedin": "LinkedIn's Connections.csv",
        "vcard": "a vCard file (.vcf) from Google, Apple or Outlook",
        "csv": "any CSV, with --map COLUMN=FIELD for each column to read",
    }
    for kind, help_text in helps.items():
        sub = kinds.add_parser(kind, parents=[common], help=help_text)
        sub.add_argument("file")
        sub.add_argument("--dry-run", action="store_true", help="show the preview, save nothing")
        sub.add_argument(
            "--add-possible",
            action="store_true",
            help="add people with the same name and company as someone you have",
        )
        sub.add_argument(
            "--report",
            metavar="FILE",
            help="save what was set aside or skipped, line by line, as a CSV file",
        )
        if kind != "vcard":
            sub.add_argument(
                "--dates",
                choices=["day-first", "month-first"],
                help="how to read dates like 06/02/2026 when the file does not show it",
            )
        else:
            sub.set_defaults(dates=None)
        sub.set_defaults(handler=cmd_import)
        if kind == "linkedin":
            sub.add_argument("--invitations", metavar="FILE", help="Invitations.csv, to date them")
            sub.add_argument("--messages", metavar="FILE", help="messages.csv, to date them")
        if kind == "csv":
            sub.add_argument(
                "--map",
                metavar="COLUMN=FIELD",
                type=_mapping,
                action="append",
                required=True,
                help="e.g. --map 'Full name=name' --map E-mail=email (fields: name, first_name, "
                "last_name, email, company, role, url, connected_on, notes)",
            )


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
    backup = add("backup", cmd_backup, "copy your tracker to FILE")
    backup.add_argument("file")
    _add_force(backup)
    add(
        "restore", cmd_restore, "make a tracker from a backup file or an export folder"
    ).add_argument("source")
    due = add("due", cmd_due, "list what is due, most urgent first")
    due.add_argument("--today", type=_day, help="pretend today is YYYY-MM-DD")
    due.add_argument("--format", choices=["table", "csv", "json"], default="table")
    due.add_argument(
        "--mode", choices=["guide", "3b7"], help="reminders: the guide's wait, or Dalton's 3B7"
    )

    export = commands.add_parser("export", help="export your data")
    what = export.add_subparsers(dest="what", required=True, parser_class=_Parser)
    csv_cmd = what.add_parser("csv", parents=[common], help="one Excel-safe CSV per table")
    csv_cmd.add_argument("folder")
    _add_force(csv_cmd)
    csv_cmd.set_defaults(handler=cmd_export_csv)
    ics_cmd = what.add_parser(
        "ics", parents=[common], help="upcoming meetings and follow-ups as a calendar file"
    )
    ics_cmd.add_argument("file")
    ics_cmd.add_argument("--today", type=_day, help="pretend today is YYYY-MM-DD")
    _add_force(ics_cmd)
    ics_cmd.set_defaults(handler=cmd_export_ics)
    _add_export_summary_command(what, common)
    _add_link_command(commands)
    _add_questions_command(commands, common)
    _add_import_commands(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except InfoviewError as exc:
        sys.stderr.write(f"infoview: {_one_line(str(exc))}\n")
        return EXIT_USAGE
    except (OSError, sqlite3.Error) as exc:  # the kit names most; this is the last net
        from infoview.errors import storage_problem
        from infoview.workspace import tracker_path

        where = getattr(exc, "filename", None) or args.tracker or tracker_path()
        problem = storage_problem(where, exc) or f"{where}: {getattr(exc, 'strerror', '') or exc}"
        sys.stderr.write(f"infoview: {_one_line(str(problem))}\n")
        return EXIT_USAGE
    return code


if __name__ == "__main__":
    sys.exit(main())
