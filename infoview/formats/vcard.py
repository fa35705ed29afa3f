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
from infoview.formats.contacts import Note, Source, decode_text, read_source, records_frame

_DROPPED = {"PHOTO", "LOGO", "SOUND", "KEY", "PROFILE"}  # PROFILE:VCARD (Lotus) trips vobject
UNREADABLE = "vCard lines that could not be read"
NAMED_OTHERWISE = "named from a nickname"
_NOT_PEOPLE = {
    "group": "a contact group, not a person",
    "org": "an organisation, not a person",
    "organization": "an organisation, not a person",
    "location": "a place, not a person",
}
_CR_LINES = re.compile(r"\r+\n")
# A bare CR that ends a line: the next text folds on or starts a property (NAME: or NAME;).
_BARE_CR_LINE_END = re.compile(r"\r(?=[ \t]|[A-Za-z0-9.-]+[;:])")
_MAX_RETRIES = 50
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
    ends: list[int] = field(default_factory=list)
    notes: list[list[Note]] = field(default_factory=list)


def normalised_line_ends(text: str) -> str:
    """Text with every line ending one LF: CR CR LF (iPhone), CR LF, LF and bare CR alike.

    A bare CR inside a value (Thunderbird writes them) is kept, to become a line break
    in that value; a bare CR before a property or a folded line ends the line.

    >>> normalised_line_ends("FN:Ana\\r\\r\\nNOTE:one\\rtwo\\rEND:VCARD\\r")
    'FN:Ana\\nNOTE:one\\rtwo\\nEND:VCARD\\n'
    """
    text = _CR_LINES.sub("\n", text)
    if "\n" not in text:
        return text.replace("\r", "\n")
    return _BARE_CR_LINE_END.sub("\n", text).removesuffix("\r") + (
        "\n" if text.endswith("\r") else ""
    )


def _logical_lines(text: str) -> list[tuple[int, str, int]]:
    """(first line number, unfolded text, number of physical lines) for each property."""
    physical = normalised_line_ends(text).split("\n")
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


def _quoted_printable(value: str, charset: str | None) -> tuple[str | None, str]:
    """The decoded value, or None and why it cannot be decoded (that value alone is lost)."""
    raw = _QP_CODE.sub(
        lambda m: binascii.unhexlify(m.group(1)) if m.group(1) else b"",
        value.encode("utf-8", "surrogateescape"),
    )
    if charset:
        try:
            codecs.lookup(charset)
        except LookupError:
            return None, f"uses an unknown character set {shown(charset)}: set aside"
    for candidate in [charset] if charset else ["utf-8", "cp1252"]:
        try:
            return raw.decode(candidate).replace("\r\n", "\n").replace("\r", "\n"), ""
        except UnicodeDecodeError:
            continue
    return None, f"holds bytes that are not valid {charset or 'UTF-8 or cp1252'} text: set aside"


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
    trailing: tuple[int, str] | None = None  # text after the last card's END:VCARD
    for line, logical, count in _logical_lines(text):
        kept = logical
        if depth == 0 and out.starts and logical.strip():
            trailing = (line, logical.strip())
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
                trailing = None
                if depth == 0:
                    out.starts.append(line)
                    out.notes.append([])
                depth, version = depth + 1, "3.0"
            elif name == "END" and value.strip().upper() == "VCARD":
                depth = max(depth - 1, 0)
                if depth == 0 and len(out.ends) < len(out.starts):
                    out.ends.append(line + count - 1)
            elif name == "VERSION":
                version = value.strip()
            elif name in _DROPPED:
                kept = ""
            else:
                kept, problem = _prepared_property(head, params, value, version=version, name=name)
                if problem and out.notes:
                    out.notes[-1].append(Note(name, value.strip()[:200], problem, UNREADABLE))
        out.lines.append(kept)
        out.lines.extend([""] * (count - 1))  # keep vobject's line numbers equal to the file's
    _check_complete(out, trailing, file)
    return out


def _check_complete(out: _Prepared, trailing: tuple[int, str] | None, file: str) -> None:
    """Refuse a file cut short: a card never closed, or a scrap of text after the last one."""
    if len(out.ends) < len(out.starts):
        raise ImportProblem(
            file,
            out.starts[len(out.ends)],
            "the card that begins here is never closed with END:VCARD; the file may be cut short",
        )
    if trailing is not None:
        raise ImportProblem(
            file,
            trailing[0],
            f"ends with {shown(trailing[1], 30)} after its last card; the file may be cut short",
        )


def _prepared_property(
    head: str, params: list[str], value: str, *, version: str, name: str
) -> tuple[str, str]:
    """The property as vobject should read it, or "" and why its value is set aside."""
    upper = [p.strip().upper() for p in params]
    charset = next((p.split("=", 1)[1].strip('"') for p in upper if p.startswith("CHARSET=")), None)
    value = value.replace("\r", "\n")  # a bare CR inside a value is a line break
    if "ENCODING=QUOTED-PRINTABLE" in upper or "QUOTED-PRINTABLE" in upper:
        decoded, problem = _quoted_printable(value, charset and charset.lower())
        if decoded is None:
            return "", problem
        value = decoded
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
    return ";".join([head, *params]) + ":" + value.replace("\n", "\\n"), ""


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


def _name(card: Any) -> tuple[str | None, str]:
    """The card's name and where it came from ("" for FN or N, else the property used)."""
    for line in _values(card, "fn"):
        if _text(line):
            return " ".join(_text(line).split()), ""
    for line in _values(card, "n"):
        family, given, additional, prefix, suffix = [*_components(_text(line)), "", "", "", "", ""][
            :5
        ]
        joined = " ".join(p for p in (prefix, given, additional, family, suffix) if p)
        if joined.strip():
            return " ".join(joined.split()), ""
    for line in _values(card, "nickname"):
        nickname = " ".join(_unescape(_text(line)).split(","))
        if nickname.strip():
            return " ".join(nickname.split()), "NICKNAME"
    return None, ""


def _ordered(lines: list[Any]) -> list[Any]:
    """Preferred entries first, then in file order."""
    return sorted(lines, key=lambda line: "pref" not in _types(line))


def _phone(line: Any) -> str:
    kinds = sorted(_types(line) - {"pref", "voice"})
    number = _text(line).removeprefix("tel:")
    return f"{number} ({', '.join(kinds)})" if kinds else number


def _record(card: Any, line: int, found: list[Note]) -> dict[str, Any]:
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
    name, named_from = _name(card)
    set_aside = list(found)
    if named_from:
        set_aside.append(
            Note(
                "name",
                name or "",
                f"was taken from {named_from} (the card has no FN or N)",
                NAMED_OTHERWISE,
            )
        )
    skip = next((why for k, why in _NOT_PEOPLE.items() if k in kind), None)
    if skip is None and name is None and orgs:
        skip = "an organisation (the card holds a company name and no person's name)"
    return {
        "line": line,
        "name": name,
        "email": emails[0] if emails else None,
        "other_emails": "; ".join(emails[1:]) or None,
        "company": next((o for o in orgs if o), None),
        "role": roles[0] if roles else None,
        "url": url,
        "connected_on": None,
        "notes": "\n".join(notes) or None,
        "skip": skip,
        "set_aside": tuple(set_aside) or None,
    }


def read_vcards(source: Source, *, name: str | None = None) -> pd.DataFrame:
    """Every card in a vCard file, as a record frame (the line is where the card begins)."""

    data, file = read_source(source, name)
    text = decode_text(data, file, fallback="cp1252")
    prepared = _prepare(text, file)
    if not prepared.starts:
        raise ImportProblem(
            file, None, "holds no contacts (no BEGIN:VCARD line); is it a vCard file?"
        )
    records = [
        _record(_parse_card(prepared, i, file), start, prepared.notes[i])
        for i, start in enumerate(prepared.starts)
    ]
    return records_frame({k: [r[k] for r in records] for k in records[0]})


def _parse_card(prepared: _Prepared, index: int, file: str) -> Any:
    """One card read by vobject; a line it cannot read is set aside (noted) and it tries again."""
    import vobject
    from vobject.base import VObjectError

    first, last = prepared.starts[index], prepared.ends[index]
    lines = prepared.lines[first - 1 : last]
    for _ in range(_MAX_RETRIES):
        try:
            cards = list(vobject.readComponents("\n".join(lines), allowQP=True, transform=False))
        except VObjectError as exc:
            at = getattr(exc, "lineNumber", None)
            problem = str(getattr(exc, "msg", exc)).strip() or "is not a valid vCard"
            if not isinstance(at, int) or not 1 < at < len(lines) or not lines[at - 1].strip():
                raise ImportProblem(file, first, f"cannot be read as vCard: {problem}") from None
            bad = lines[at - 1]
            name = (
                bad.split(":", 1)[0].split(";", 1)[0].rsplit(".", 1)[-1].upper()[:30]
                if ":" in bad
                else ""
            )
            value = bad.split(":", 1)[1] if ":" in bad else bad
            reason = "is a line that cannot be read as vCard: set aside"
            prepared.notes[index].append(
                Note(name or "line", value.strip()[:200], reason, UNREADABLE)
            )
            lines[at - 1] = ""
            continue
        except (UnicodeError, ValueError, LookupError) as exc:
            raise ImportProblem(file, first, f"cannot be read as vCard: {exc}") from None
        if cards:
            return cards[0]
        break
    raise ImportProblem(file, first, "cannot be read as vCard")
