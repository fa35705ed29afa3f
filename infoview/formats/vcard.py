"""vCard files (2.1, 3.0 and 4.0) as Google, Apple and Outlook export them.

The file is read as bytes and decoded as UTF-8, else Windows-1252. Before vobject parses
it, each property is unfolded onto its first line (so vobject's line numbers stay the
file's), quoted-printable values are decoded with their ``CHARSET`` (UTF-8, else
Windows-1252, when none is named), photos are dropped, and commas that vCard 2.1 never
escaped are escaped, so vobject does not cut ``Acme, Inc.`` at the comma.

>>> card = (b"BEGIN:VCARD\\r\\nVERSION:2.1\\r\\n"
...         b"N;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:Moreau;In=E8s\\r\\n"
...         b"ORG:Acme, Inc.\\r\\nEMAIL;INTERNET;PREF:ines@example.org\\r\\nEND:VCARD\\r\\n")
>>> read_vcards(card, name="ines.vcf")[["line", "name", "email", "company"]].to_dict("records")
[{'line': 1, 'name': 'Inès Moreau', 'email': 'ines@example.org', 'company': 'Acme, Inc.'}]
"""

from __future__ import annotations

import binascii
import codecs
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from infoview.errors import ImportProblem, shown
from infoview.formats.contacts import Source, decode_text, read_source, records_frame

_DROPPED = {"PHOTO", "LOGO", "SOUND", "KEY"}
_LISTS = {"CATEGORIES", "NICKNAME"}  # properties whose commas really separate values
_PREFIX = re.compile(r'^((?:[^:"]|"[^"]*")*):(.*)$', re.DOTALL)
_PARAM_SPLIT = re.compile(r';(?=(?:[^"]*"[^"]*")*[^"]*$)')
_ESCAPE_PAIR = re.compile(r"(\\.)|,", re.DOTALL)
_QP_CODE = re.compile(rb"=([0-9A-Fa-f]{2})|=\r?\n")


@dataclass
class _Prepared:
    """The text handed to vobject, and where each top-level card begins."""

    lines: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)


def _logical_lines(text: str) -> list[tuple[int, str, int]]:
    """(first line number, unfolded text, number of physical lines) for each property."""
    physical = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    result: list[tuple[int, str, int]] = []
    i = 0
    while i < len(physical):
        start, current = i, physical[i]
        i += 1
        quoted_printable = "QUOTED-PRINTABLE" in current.split(":", 1)[0].upper()
        while i < len(physical):
            nxt = physical[i]
            if quoted_printable and current.endswith("="):
                current = current[:-1] + nxt  # a soft line break
            elif nxt[:1] in (" ", "\t") and nxt.strip():
                current += nxt[1:]  # a folded line
            else:
                break
            i += 1
        result.append((start + 1, current, i - start))
    return result


def _split_params(prefix: str) -> tuple[str, list[str]]:
    parts = _PARAM_SPLIT.split(prefix)
    return parts[0], parts[1:]


def _quoted_printable(value: str, charset: str | None, file: str, line: int) -> str:
    raw = _QP_CODE.sub(
        lambda m: binascii.unhexlify(m.group(1)) if m.group(1) else b"",
        value.encode("utf-8", "surrogateescape"),
    )
    for candidate in [charset] if charset else ["utf-8", "cp1252"]:
        try:
            codecs.lookup(candidate)
        except LookupError:
            raise ImportProblem(
                file, line, f"uses an unknown character set {shown(candidate)}"
            ) from None
        try:
            return raw.decode(candidate).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            continue
    raise ImportProblem(file, line, f"holds text that is not valid {charset or 'UTF-8 or cp1252'}")


def _escape(value: str, version: str, name: str) -> str:
    """Escape what vobject would misread: 2.1 has no escapes; 3.0/4.0 commas left bare."""
    if version == "2.1":
        value = value.replace("\\", "\\\\")
        if name not in _LISTS:
            value = value.replace(",", "\\,")
    elif name not in _LISTS:
        value = _ESCAPE_PAIR.sub(lambda m: m.group(1) or "\\,", value)
    return value.replace("\n", "\\n")


def _prepare(text: str, file: str) -> _Prepared:
    out = _Prepared()
    version, depth = "3.0", 0
    for line, logical, count in _logical_lines(text):
        kept = logical
        match = _PREFIX.match(logical)
        if match and logical.strip():
            prefix, value = match.groups()
            head, params = _split_params(prefix)
            name = head.rsplit(".", 1)[-1].strip().upper()
            if name == "BEGIN" and depth == 0 and value.strip().upper() != "VCARD":
                raise ImportProblem(
                    file, line, f"has BEGIN:{value.strip()[:20]} where BEGIN:VCARD belongs"
                )
            if name == "BEGIN" and value.strip().upper() == "VCARD":
                if depth == 0:
                    out.starts.append(line)
                depth, version = depth + 1, "3.0"
            elif name == "END" and value.strip().upper() == "VCARD":
                depth = max(depth - 1, 0)
            elif name == "VERSION":
                version = value.strip()
            elif name in _DROPPED:
                kept = ""
            else:
                kept = _prepared_property(
                    head, params, value, version=version, name=name, file=file, line=line
                )
        out.lines.append(kept)
        out.lines.extend([""] * (count - 1))  # keep vobject's line numbers equal to the file's
    return out


def _prepared_property(
    head: str, params: list[str], value: str, *, version: str, name: str, file: str, line: int
) -> str:
    upper = [p.strip().upper() for p in params]
    charset = next((p.split("=", 1)[1].strip('"') for p in upper if p.startswith("CHARSET=")), None)
    if "ENCODING=QUOTED-PRINTABLE" in upper or "QUOTED-PRINTABLE" in upper:
        value = _quoted_printable(value, charset and charset.lower(), file, line)
        escaped_version = "2.1"  # decoded text holds no vCard escapes
    else:
        escaped_version = version
    params = [
        p
        for p, u in zip(params, upper, strict=True)
        if u not in {"ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE"}
        and not u.startswith("CHARSET=")
    ]
    if name not in {"N", "ORG", "ADR"} or escaped_version == "2.1":
        value = _escape(value, escaped_version, name)
    return ";".join([head, *params]) + ":" + value


# ---------------------------------------------------------------- from cards to records


def _types(line: Any) -> set[str]:
    found = {t.strip().lower() for v in line.params.get("TYPE", []) for t in v.split(",")}
    found |= {s.strip().lower() for s in line.singletonparams}
    if line.params.get("PREF"):
        found.add("pref")
    return found - {""}


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _components(value: str) -> list[str]:
    """A structured value (N, ORG) split on unescaped semicolons, then unescaped."""
    parts, current, i = [], "", 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            current += value[i : i + 2]
            i += 2
            continue
        if value[i] == ";":
            parts.append(current)
            current = ""
        else:
            current += value[i]
        i += 1
    return [_unescape(part).strip() for part in [*parts, current]]


def _values(card: Any, name: str) -> list[Any]:
    return list(card.contents.get(name, []))


def _text(line: Any) -> str:
    value = line.value
    return value.strip() if isinstance(value, str) else ""


def _name(card: Any) -> str | None:
    for line in _values(card, "fn"):
        if _text(line):
            return " ".join(_text(line).split())
    for line in _values(card, "n"):
        family, given, additional, prefix, suffix = [*_components(_text(line)), "", "", "", "", ""][
            :5
        ]
        joined = " ".join(p for p in (prefix, given, additional, family, suffix) if p)
        if joined.strip():
            return " ".join(joined.split())
    return None


def _ordered(lines: list[Any]) -> list[Any]:
    """Preferred entries first, then in file order."""
    return sorted(lines, key=lambda line: "pref" not in _types(line))


def _phone(line: Any) -> str:
    kinds = sorted(_types(line) - {"pref", "voice"})
    number = _text(line).removeprefix("tel:")
    return f"{number} ({', '.join(kinds)})" if kinds else number


def _record(card: Any, line: int) -> dict[str, Any]:
    emails = [
        _text(e).removeprefix("mailto:") for e in _ordered(_values(card, "email")) if _text(e)
    ]
    phones = [_phone(t) for t in _ordered(_values(card, "tel")) if _text(t)]
    orgs = [_components(_text(o))[0] for o in _values(card, "org") if _text(o)]
    roles = [_text(t) for t in _values(card, "title") + _values(card, "role") if _text(t)]
    # vobject has undone the vCard escapes already; only Apple's "http\://" is left over.
    urls = [
        _text(u).replace("\\:", ":")
        for u in _values(card, "url") + _values(card, "x-socialprofile")
        if _text(u)
    ]
    url = next((u for u in urls if "linkedin." in u.lower()), urls[0] if urls else None)
    notes = [_text(n) for n in _values(card, "note") if _text(n)]
    if phones:
        notes.append("Phone: " + "; ".join(phones))
    if len(emails) > 1:
        notes.append("Other emails: " + "; ".join(emails[1:]))
    kind = {
        _text(k).lower() for k in _values(card, "kind") + _values(card, "x-addressbookserver-kind")
    }
    return {
        "line": line,
        "name": _name(card),
        "email": emails[0] if emails else None,
        "other_emails": "; ".join(emails[1:]) or None,
        "company": next((o for o in orgs if o), None),
        "role": roles[0] if roles else None,
        "url": url,
        "connected_on": None,
        "notes": "\n".join(notes) or None,
        "skip": "a contact group, not a person" if kind & {"group", "org"} else None,
    }


def read_vcards(source: Source, *, name: str | None = None) -> pd.DataFrame:
    """Every card in a vCard file, as a record frame (the line is where the card begins)."""
    import vobject
    from vobject.base import VObjectError

    data, file = read_source(source, name)
    text = decode_text(data, file, fallback="cp1252")
    prepared = _prepare(text, file)
    if not prepared.starts:
        raise ImportProblem(
            file, None, "holds no contacts (no BEGIN:VCARD line); is it a vCard file?"
        )
    records: list[dict[str, Any]] = []
    try:
        cards = [
            c
            for c in vobject.readComponents(
                "\n".join(prepared.lines), allowQP=True, transform=False
            )
            if str(c.name).upper() == "VCARD"
        ]
    except VObjectError as exc:
        problem = str(getattr(exc, "msg", exc)).strip() or "is not a valid vCard"
        line = getattr(exc, "lineNumber", None)
        raise ImportProblem(file, line or None, f"cannot be read as vCard: {problem}") from None
    except (UnicodeError, ValueError, LookupError) as exc:
        raise ImportProblem(file, None, f"cannot be read as vCard: {exc}") from None
    if len(cards) != len(prepared.starts):
        raise ImportProblem(file, None, "holds a card that does not end with END:VCARD")
    for card, line in zip(cards, prepared.starts, strict=True):
        records.append(_record(card, line))
    return records_frame({k: [r[k] for r in records] for k in records[0]})
