"""Getting the kit to a workshop: nbgitpuller links for JupyterHub.

An nbgitpuller link makes each participant's JupyterHub pull (or update) a copy of the
kit's repository into their home folder and open a notebook, in one click. Pulling never
overwrites a participant's own changes, and their data lives in their workspace, outside
the copy.

>>> link = nbgitpuller_link("https://hub.example.org", "https://github.com/example/infoview")
>>> base, query = link.split("?")
>>> base
'https://hub.example.org/hub/user-redirect/git-pull'
>>> for part in query.split("&"):
...     print(part)
repo=https%3A%2F%2Fgithub.com%2Fexample%2Finfoview
urlpath=lab%2Ftree%2Finfoview%2Fnotebooks%2F00_start_here.ipynb
branch=main
>>> nbgitpuller_link("hub.example.org", "https://github.com/example/infoview")
Traceback (most recent call last):
...
infoview.errors.InvalidValueError: the hub address must start with https:// or http:// ...
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from infoview.errors import InvalidValueError

START_NOTEBOOK = "notebooks/00_start_here.ipynb"
_BRANCH = re.compile(r"^[\w./-]{1,100}$")
_SSH_REMOTE = re.compile(r"^(?:ssh://)?git@([^:/]+)[:/](.+?)(?:\.git)?/?$")


def _web_address(value: str, what: str, example: str) -> str:
    """``value`` as an http(s) address without a trailing slash, or a learner-friendly error."""
    text = value.strip()
    parts = urlsplit(text)
    if parts.scheme not in {"http", "https"} or not parts.netloc or " " in text:
        raise InvalidValueError(
            f"the {what} address must start with https:// or http:// (got {value!r}); "
            f"for example {example}"
        )
    if parts.query or parts.fragment:
        raise InvalidValueError(
            f"the {what} address should have no ?query or #part (got {value!r}); "
            f"for example {example}"
        )
    return text.rstrip("/")


def repo_folder(repo: str) -> str:
    """The folder nbgitpuller clones ``repo`` into: its last path part, without ``.git``.

    >>> repo_folder("https://github.com/example/infoview.git")
    'infoview'
    """
    name = urlsplit(repo).path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    if not name:
        raise InvalidValueError(f"cannot tell the repository's name from {repo!r}")
    return name


def nbgitpuller_link(
    hub: str, repo: str, branch: str = "main", notebook: str = START_NOTEBOOK
) -> str:
    """A link that pulls ``repo`` into a JupyterHub account and opens ``notebook`` in Lab."""
    base = _web_address(hub, "hub", "https://hub.example.org")
    base = base.removesuffix("/hub")  # people often paste the address of the hub's own page
    source = _web_address(repo, "repository", "https://github.com/your-group/infoview")
    if not _BRANCH.match(branch):
        raise InvalidValueError(f"the branch should be a name like main (got {branch!r})")
    path = f"lab/tree/{repo_folder(source)}/{notebook.lstrip('/')}"
    query = urlencode({"repo": source, "urlpath": path, "branch": branch}, quote_via=quote, safe="")
    return f"{base}/hub/user-redirect/git-pull?{query}"


def checkout_remote(folder: Path | None = None) -> str | None:
    """The web address of the ``origin`` remote of the checkout holding the kit, if any.

    An SSH remote (``git@github.com:group/infoview.git``) becomes its https address, which
    is what a hub can pull without keys.

    >>> https_address("git@github.com:group/infoview.git")
    'https://github.com/group/infoview'
    """
    folder = folder if folder is not None else Path(__file__).resolve().parents[1]
    git = shutil.which("git")
    if git is None:
        return None
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [git, "-C", str(folder), "remote", "get-url", "origin"],
        capture_output=True,
        text=True,
        check=False,
        timeout=10,
    )
    remote = result.stdout.strip()
    return https_address(remote) if result.returncode == 0 and remote else None


def https_address(remote: str) -> str:
    """A git remote as an https address (SSH remotes are rewritten; others kept)."""
    match = _SSH_REMOTE.match(remote.strip())
    return f"https://{match[1]}/{match[2]}" if match else remote.strip()
