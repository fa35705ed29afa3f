"""The workshop subcommands: `infoview link` and `infoview export summary`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from infoview.cli import main
from infoview.demo import open_demo
from infoview.formats.summary import read_summary
from infoview.workshop import delivery
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
        "targetpath": ["infoview"],
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
        (["--hub", "https://hub.example.org", "--repo", "github.com/x/y"], "repository"),
        (["--hub", "https://hub.example.org", "--repo", "infoview"], "full path of a folder"),
        (["--hub", "https://hub.example.org", "--repo", REPO + "?tab=1"], "?query"),
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


@pytest.mark.parametrize(
    ("address", "pulled"),
    [
        ("https://github.com/grp/infoview", "https://github.com/grp/infoview"),
        ("https://github.com/grp/infoview.git", "https://github.com/grp/infoview.git"),
        ("https://github.com/grp/infoview.git/", "https://github.com/grp/infoview.git"),
        ("http://127.0.0.1:9418/kits/infoview.git", "http://127.0.0.1:9418/kits/infoview.git"),
        ("git@github.com:grp/infoview.git", "https://github.com/grp/infoview"),
        ("git@gitlab.example.org:a/b/infoview", "https://gitlab.example.org/a/b/infoview"),
        ("ssh://git@github.com/grp/infoview.git", "https://github.com/grp/infoview"),
        ("git://git.example.org/infoview.git", "git://git.example.org/infoview.git"),
        ("file:///srv/kits/infoview.git", "file:///srv/kits/infoview.git"),
        ("/srv/kits/infoview", "/srv/kits/infoview"),
        ("/srv/kits/infoview.git/", "/srv/kits/infoview.git"),
    ],
)
def test_every_address_form_opens_notebook_00_in_the_pulled_folder(
    address: str, pulled: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whatever the address form, the link names the folder it pulls into and opens 00 there."""
    assert main(["link", "--hub", "https://hub.example.org", "--repo", address]) == 0
    query = parse_qs(urlsplit(capsys.readouterr().out.strip()).query)
    assert query["repo"] == [pulled]
    assert query["targetpath"] == ["infoview"]
    assert query["urlpath"] == ["lab/tree/infoview/notebooks/00_start_here.ipynb"]


def test_link_without_a_repo_explains_what_to_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run outside a git repository with no --repo, the learner is told what to pass."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert main(["link", "--hub", "https://hub.example.org"]) == 2
    err = capsys.readouterr().err
    assert "pass --repo https://github.com/your-group/infoview" in err
    assert str(tmp_path) in err and err.count("\n") == 1


def _git_repo(folder: Path, origin: str | None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    if origin is not None:
        subprocess.run(["git", "-C", str(folder), "remote", "add", "origin", origin], check=True)
    return folder


def test_link_without_a_repo_uses_the_repository_it_is_run_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The default --repo is the origin of the git repository in the current folder."""
    repo = _git_repo(tmp_path / "kit", "https://git.example.org/careers/infoview.git")
    (repo / "notebooks").mkdir()
    monkeypatch.chdir(repo / "notebooks")  # anywhere inside the repository will do
    assert main(["link", "--hub", "https://hub.example.org"]) == 0
    query = parse_qs(urlsplit(capsys.readouterr().out.strip()).query)
    assert query["repo"] == ["https://git.example.org/careers/infoview.git"]
    assert query["urlpath"] == ["lab/tree/infoview/notebooks/00_start_here.ipynb"]


def test_the_default_repo_is_the_origin_of_the_folder_given(tmp_path: Path) -> None:
    """An SSH origin becomes https; a relative local origin a full path; none gives None."""
    ssh = _git_repo(tmp_path / "ssh", "git@github.com:grp/infoview.git")
    assert delivery.checkout_remote(ssh) == "https://github.com/grp/infoview"
    local = _git_repo(tmp_path / "local", "../kits/infoview.git")
    assert delivery.checkout_remote(local) == str(tmp_path / "kits" / "infoview.git")
    bare = _git_repo(tmp_path / "no-origin", None)
    assert delivery.checkout_remote(bare) is None
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
