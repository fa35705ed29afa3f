"""The workshop subcommands: `infoview link` and `infoview export summary`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from infoview import delivery
from infoview.cli import main
from infoview.demo import open_demo
from infoview.formats.summary import read_summary
from tests.conftest import TODAY

REPO = "https://github.com/example-group/infoview"


def test_link_opens_notebook_00_on_the_hub(capsys: pytest.CaptureFixture[str]) -> None:
    """The printed link is the hub's git-pull address with the repo, branch and notebook 00."""
    assert main(["link", "--hub", "https://hub.example.org/", "--repo", REPO]) == 0
    link = capsys.readouterr().out.strip()
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://hub.example.org/hub/user-redirect/git-pull"
    )
    assert parse_qs(parts.query) == {
        "repo": [REPO],
        "urlpath": ["lab/tree/infoview/notebooks/00_start_here.ipynb"],
        "branch": ["main"],
    }
    assert "%2F" in parts.query and " " not in link  # every value is fully encoded


def test_link_takes_a_branch_and_a_hub_path(capsys: pytest.CaptureFixture[str]) -> None:
    """A hub under a path keeps it; a pasted '/hub' is not doubled; the branch is used."""
    argv = ["link", "--hub", "https://uni.example.org/careers/hub", "--repo", REPO + ".git"]
    assert main([*argv, "--branch", "spring-2027"]) == 0
    link = capsys.readouterr().out.strip()
    assert link.startswith("https://uni.example.org/careers/hub/user-redirect/git-pull?")
    query = parse_qs(urlsplit(link).query)
    assert query["branch"] == ["spring-2027"]
    assert query["urlpath"] == ["lab/tree/infoview/notebooks/00_start_here.ipynb"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--hub", "hub.example.org", "--repo", REPO], "must start with https:// or http://"),
        (["--hub", "ftp://hub.example.org", "--repo", REPO], "must start with https://"),
        (["--hub", "https://hub.example.org/?x=1", "--repo", REPO], "no ?query"),
        (["--hub", "https://hub.example.org", "--repo", "git@github.com:x/y"], "repository"),
        (["--hub", "https://h.example.org", "--repo", REPO, "--branch", "a b"], "branch"),
    ],
)
def test_link_refuses_bad_addresses(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad hub, repository or branch gives one friendly line and exit status 2."""
    assert main(["link", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("infoview: ") and message in err and err.count("\n") == 1


def test_link_without_a_repo_explains_what_to_pass(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no --repo and no git remote to fall back on, the learner is told what to add."""
    monkeypatch.setattr(delivery, "checkout_remote", lambda folder=None: None)
    assert main(["link", "--hub", "https://hub.example.org"]) == 2
    assert "pass --repo https://" in capsys.readouterr().err


def test_the_default_repo_is_the_checkouts_origin(tmp_path: Path) -> None:
    """An SSH origin remote is turned into the https address a hub can pull."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(
        ["git", "-C", str(tmp_path), "remote", "add", "origin", "git@github.com:grp/infoview.git"],
        check=True,
    )
    assert delivery.checkout_remote(tmp_path) == "https://github.com/grp/infoview"
    assert delivery.checkout_remote(tmp_path / "no-such-folder") is None


def test_export_summary_writes_an_anonymous_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`infoview export summary FILE` writes a valid summary of the tracker, dated --today."""
    demo = open_demo(today=TODAY, folder=tmp_path / "demo")
    target = tmp_path / "out" / "me.json"
    argv = ["export", "summary", str(target), "--tracker", str(demo.path)]
    assert main([*argv, "--today", TODAY.isoformat()]) == 0
    assert "counts only" in capsys.readouterr().out
    summary = read_summary(target)
    assert summary["people"] == len(demo.people())
    assert summary["as_of"] == TODAY.isoformat()
    assert "Maya" not in target.read_text("utf-8")
    assert json.loads(target.read_text("utf-8"))["schema_version"] == 1


def test_export_summary_uses_the_workspace_tracker(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --tracker the learner's own workspace tracker is summarised."""
    assert main(["export", "summary", str(tmp_path / "s.json")]) == 0
    assert read_summary(tmp_path / "s.json")["people"] == 0
    assert (workspace / "infoview.sqlite").exists()
    assert "s.json" in capsys.readouterr().out


def test_the_facilitator_guide_shows_the_link_the_cli_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The guide's example link is exactly what `infoview link` prints, and it names each step."""
    from infoview.progress import NOTEBOOKS

    guide = (Path(__file__).resolve().parents[1] / "docs" / "facilitator-guide.md").read_text(
        "utf-8"
    )
    argv = [
        "link",
        "--hub",
        "https://hub.example.org",
        "--repo",
        "https://github.com/your-group/infoview",
    ]
    assert main(argv) == 0
    assert capsys.readouterr().out.strip() in guide
    for notebook, _ in NOTEBOOKS:
        assert f"`{notebook}`" in guide
