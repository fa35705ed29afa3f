"""Getting the kit to a workshop: nbgitpuller links for JupyterHub.

An nbgitpuller link makes each participant's JupyterHub pull (or update) a copy of the
kit's repository into their home folder and open a notebook, in one click. The link names
the folder it pulls into (``targetpath``), so the notebook's path is the same whichever
form of the repository's address is given. Pulling never overwrites a participant's own
changes, and their data lives in their workspace, outside the copy.

>>> link = nbgitpuller_link("https://hub.example.org", "https://github.com/example/infoview")
>>> base, query = link.split("?")
>>> base
'https://hub.example.org/hub/user-redirect/git-pull'
>>> for part in query.split("&"):
...     print(part)
repo=https%3A%2F%2Fgithub.com%2Fexample%2Finfoview
targetpath=infoview
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
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlencode, urlsplit

from infoview.errors import InvalidValueError

START_NOTEBOOK = "notebooks/00_start_here.ipynb"
_BRANCH = re.compile(r"^[\w./-]{1,100}$")
_SSH_REMOTE = re.compile(r"^(?:ssh://)?git@([^:/\s]+)[:/](.+?)(?:\.git)?/?$")
_FOLDER = re.compile(r"^[\w.-]{1,100}$")
_REPO_EXAMPLE = "https://github.com/your-group/infoview"
_REPO_SCHEMES = {"http", "https", "git", "file"}


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


def repo_address(repo: str) -> str:
    """The address a hub pulls ``repo`` from, in any of the forms a code host or disk gives.

    https (with or without ``.git``) and ``git://`` addresses are kept; an SSH address
    (``git@host:group/repo.git``) becomes its https address, which a hub can pull without
    keys; a local folder is kept as a full path, for a repository on the hub's own disk.

    >>> repo_address("git@github.com:group/infoview.git")
    'https://github.com/group/infoview'
    >>> repo_address("https://github.com/group/infoview.git/")
    'https://github.com/group/infoview.git'
    >>> repo_address("/srv/kits/infoview.git")
    '/srv/kits/infoview.git'
    >>> repo_address("kits/infoview")
    Traceback (most recent call last):
    ...
    infoview.errors.InvalidValueError: the repository address must be a web address ...
    """
    text = repo.strip()
    ssh = _SSH_REMOTE.match(text)
    if ssh:
        return f"https://{ssh[1]}/{ssh[2]}"
    if text.startswith(("/", "~")) and " " not in text:
        return str(Path(text).expanduser()).rstrip("/") or "/"
    parts = urlsplit(text)
    if parts.scheme in _REPO_SCHEMES and (parts.netloc or parts.scheme == "file"):
        if parts.query or parts.fragment or " " in text:
            raise InvalidValueError(
                f"the repository address should have no spaces, ?query or #part "
                f"(got {repo!r}); for example {_REPO_EXAMPLE}"
            )
        return text.rstrip("/")
    raise InvalidValueError(
        f"the repository address must be a web address (https://...), an SSH address "
        f"(git@host:group/infoview.git) or the full path of a folder (/srv/infoview) "
        f"(got {repo!r}); for example {_REPO_EXAMPLE}"
    )


def repo_folder(repo: str) -> str:
    """The folder a participant's copy goes in: the repository's name, without ``.git``.

    >>> repo_folder("https://github.com/example/infoview.git")
    'infoview'
    >>> repo_folder("git@gitlab.example.org:careers/kit.git")
    'kit'
    >>> repo_folder("/srv/kits/infoview.git/")
    'infoview'
    """
    address = repo_address(repo)
    path = address if address.startswith("/") else urlsplit(address).path
    name = PurePosixPath(path).name.removesuffix(".git")
    if not _FOLDER.match(name):
        raise InvalidValueError(f"cannot tell the repository's name from {repo!r}")
    return name


def nbgitpuller_link(
    hub: str, repo: str, branch: str = "main", notebook: str = START_NOTEBOOK
) -> str:
    """A link that pulls ``repo`` into a JupyterHub account and opens ``notebook`` in Lab.

    The copy's folder is named in the link (``targetpath``) and the notebook is opened
    inside that same folder, so an address ending in ``.git`` works as well as one without.

    >>> from urllib.parse import parse_qs, urlsplit
    >>> link = nbgitpuller_link("https://hub.example.org", "git@github.com:grp/infoview.git")
    >>> query = parse_qs(urlsplit(link).query)
    >>> query["repo"], query["targetpath"], query["urlpath"]
    (['https://github.com/grp/infoview'], ['infoview'], ['lab/tree/infoview/notebooks/00_start_here.ipynb'])
    """  # noqa: E501 - a doctest's expected output is one line
    base = _web_address(hub, "hub", "https://hub.example.org")
    base = base.removesuffix("/hub")  # people often paste the address of the hub's own page
    source = repo_address(repo)
    if not _BRANCH.match(branch):
        raise InvalidValueError(f"the branch should be a name like main (got {branch!r})")
    folder = repo_folder(source)
    path = f"lab/tree/{folder}/{notebook.lstrip('/')}"
    query = urlencode(
        {"repo": source, "targetpath": folder, "urlpath": path, "branch": branch},
        quote_via=quote,
        safe="",
    )
    return f"{base}/hub/user-redirect/git-pull?{query}"


def checkout_remote(folder: Path | None = None) -> str | None:
    """The address of the ``origin`` remote of the git repository ``folder`` is in, if any.

    ``folder`` defaults to the current folder: the advisor runs ``infoview link`` from their
    copy of the kit's repository, whatever way infoview itself was installed. An SSH remote
    (``git@github.com:group/infoview.git``) becomes its https address, which is what a hub
    can pull without keys.
    """
    folder = folder if folder is not None else Path.cwd()
    git = shutil.which("git")
    if git is None or not folder.is_dir():
        return None
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [git, "-C", str(folder), "remote", "get-url", "origin"],
        capture_output=True,
        text=True,
        check=False,
        timeout=10,
    )
    remote = result.stdout.strip()
    if result.returncode != 0 or not remote:
        return None
    try:
        return repo_address(remote)
    except InvalidValueError:
        # A relative local remote ("../infoview"): the hub needs a full path.
        return str((folder / remote).resolve())


def https_address(remote: str) -> str:
    """A git remote as an https address (SSH remotes are rewritten; others kept).

    >>> https_address("git@github.com:group/infoview.git")
    'https://github.com/group/infoview'
    """
    match = _SSH_REMOTE.match(remote.strip())
    return f"https://{match[1]}/{match[2]}" if match else remote.strip()
