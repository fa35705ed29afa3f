"""Coaching rules as data, and the findings that checks report against them.

The rules live in ``resources/rules.toml``. An advisor can change a number or switch a
rule off without touching code, either in a ``rules.toml`` in the workspace or in code:

>>> rules = policy()
>>> rules["contact.reminder"].number("wait_days")
10.5
>>> stricter = rules.adjust("contact.short", warn_words=100)
>>> stricter["contact.short"].number("warn_words"), rules["contact.short"].number("warn_words")
(100, 150)
>>> rules["contact.shortt"]
Traceback (most recent call last):
...
infoview.errors.InvalidChoiceError: rule must be one of ... (got 'contact.shortt')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from infoview.errors import InvalidChoiceError, InvalidValueError
from infoview.workspace import data_dir

_TEXT_KEYS = {"title", "message", "source", "enabled"}


@dataclass(frozen=True)
class Rule:
    """One coaching rule: an id, words for a learner, a source, and its numbers."""

    id: str
    title: str
    message: str
    source: str
    enabled: bool = True
    numbers: Mapping[str, float] = field(default_factory=dict)

    def number(self, name: str) -> float:
        try:
            return self.numbers[name]
        except KeyError:
            raise InvalidChoiceError(f"number of rule {self.id}", name, self.numbers) from None


class Policy(Mapping[str, Rule]):
    """An immutable set of rules by id; ``adjust``/``disable`` return a new policy."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._rules = MappingProxyType({rule.id: rule for rule in rules})

    def __getitem__(self, rule_id: str) -> Rule:
        try:
            return self._rules[rule_id]
        except KeyError:
            raise InvalidChoiceError("rule", rule_id, sorted(self._rules)) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def __repr__(self) -> str:
        return f"Policy({len(self)} rules, {sum(r.enabled for r in self.values())} enabled)"

    def enabled(self, rule_id: str) -> bool:
        return self[rule_id].enabled

    def adjust(self, rule_id: str, **numbers: float) -> Policy:
        """A copy of this policy with some of one rule's numbers changed."""
        rule = self[rule_id]
        for name in numbers:
            rule.number(name)  # validates the name
        new_rule = replace(rule, numbers={**rule.numbers, **numbers})
        return Policy(new_rule if r.id == rule_id else r for r in self.values())

    def switch(self, rule_id: str, *, on: bool) -> Policy:
        """A copy of this policy with one rule switched on or off."""
        rule = self[rule_id]
        return Policy(replace(rule, enabled=on) if r.id == rule_id else r for r in self.values())


def _rules_from_toml(data: Mapping[str, Any], origin: str) -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for rule_id, table in data.get("rules", {}).items():
        numbers = {k: v for k, v in table.items() if k not in _TEXT_KEYS}
        bad = [k for k, v in numbers.items() if not isinstance(v, int | float)]
        if bad:
            raise InvalidValueError(f"{origin}: rule {rule_id} has non-numeric settings {bad}")
        rules[rule_id] = Rule(
            id=rule_id,
            title=str(table.get("title", rule_id)),
            message=str(table.get("message", "")),
            source=str(table.get("source", "")),
            enabled=bool(table.get("enabled", True)),
            numbers=MappingProxyType(numbers),
        )
    return rules


@cache
def _default_rules() -> Policy:
    import tomllib

    text = resources.files("infoview.resources").joinpath("rules.toml").read_text("utf-8")
    return Policy(_rules_from_toml(tomllib.loads(text), "rules.toml").values())


def policy(overrides: Path | None = None) -> Policy:
    """The rules in force: the kit's defaults, updated by ``rules.toml`` in the workspace.

    An override file holds tables such as ``[rules."contact.reminder"] wait_days = 7``;
    only the keys it names change.
    """
    import tomllib

    base = _default_rules()
    path = overrides if overrides is not None else data_dir() / "rules.toml"
    if not path.is_file():
        return base
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InvalidValueError(f"{path} is not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise InvalidValueError(f"{path} is not UTF-8 text (byte {exc.start + 1})") from None
    tables = data.get("rules", {})
    if not isinstance(tables, dict):
        raise InvalidValueError(f'{path}: "rules" must hold tables like [rules."contact.short"]')
    merged = {rule_id: dict(_as_table(rule)) for rule_id, rule in base.items()}
    for rule_id, table in tables.items():
        if rule_id not in merged:
            raise InvalidChoiceError(f"rule in {path}", rule_id, sorted(merged))
        if not isinstance(table, dict):
            raise InvalidValueError(f"{path}: rule {rule_id} must be a table of settings")
        merged[rule_id].update(table)
    return Policy(_rules_from_toml({"rules": merged}, str(path)).values())


def _as_table(rule: Rule) -> dict[str, Any]:
    return {
        "title": rule.title,
        "message": rule.message,
        "source": rule.source,
        "enabled": rule.enabled,
        **rule.numbers,
    }


# ---------------------------------------------------------------- findings


class Status(StrEnum):
    """The outcome of one check. Shown with an icon and a word, never colour alone."""

    PASS = "pass"  # noqa: S105 - a status word, not a password
    WARN = "warn"
    FAIL = "fail"

    @property
    def icon(self) -> str:
        return {"pass": "✔", "warn": "⚠", "fail": "✖"}[self.value]

    @property
    def word(self) -> str:
        return {"pass": "OK", "warn": "Check", "fail": "Fix"}[self.value]


@dataclass(frozen=True)
class Finding:
    """What one rule says about one piece of work."""

    rule: str
    status: Status
    message: str
    source: str
    excerpt: str = ""
    title: str = ""  # the rule's short title, in words; ``rule`` is its id, for advisors

    def __str__(self) -> str:
        quoted = f' ("{self.excerpt}")' if self.excerpt else ""
        return f"{self.status.icon} {self.status.word}: {self.message}{quoted} [{self.rule}]"


def finding(
    rules: Policy, rule_id: str, status: Status, message: str, excerpt: str = ""
) -> Finding:
    """A finding for ``rule_id``, citing the rule's title and source."""
    rule = rules[rule_id]
    return Finding(rule_id, status, message, rule.source, excerpt[:120], rule.title)


def source_text(source: str) -> str:
    """A rule's source as a learner reads it: "Guide" is the guide the kit is built on.

    >>> source_text("Guide; Dalton (the request itself may be a question)")
    'the informational-interview guide; Dalton (the request itself may be a question)'
    >>> source_text("kit default"), source_text("")
    ("the kit's own default", '')
    """
    words = {"guide": "the informational-interview guide", "kit default": "the kit's own default"}
    parts = [part.strip() for part in source.split(";") if part.strip()]
    return "; ".join(words.get(part.lower(), part) for part in parts)


def finding_source_html(item: Finding) -> str:
    """The small line under a finding: the rule's title and source in words.

    The rule id is for advisors: it is in the line's tooltip (``title``), never in its text.

    >>> line = finding_source_html(finding(policy(), "contact.synopsis", Status.PASS, "Fine."))
    >>> print(line)
    <small class="iv-source" title="Rule contact.synopsis">A three-line mini-CV
    · source: the informational-interview guide</small>
    """
    import html

    title = item.title or "Coaching rule"
    source = source_text(item.source)
    words = f"{title} · source: {source}" if source else title
    return (
        f'<small class="iv-source" title="Rule {html.escape(item.rule)}">'
        f"{html.escape(words)}</small>"
    )


@dataclass(frozen=True)
class Review:
    """A list of findings, shown as a checklist in Jupyter and as text in a terminal."""

    findings: tuple[Finding, ...]
    title: str = "Review"
    note: str = ""  # a line of help under the findings, in words for a learner

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def __getitem__(self, rule_id: str) -> Finding:
        for item in self.findings:
            if item.rule == rule_id:
                return item
        raise InvalidChoiceError("rule", rule_id, [f.rule for f in self.findings])

    def status_of(self, rule_id: str) -> Status:
        return self[rule_id].status

    @property
    def ok(self) -> bool:
        """True when nothing fails (warnings are advice, not blockers)."""
        return all(f.status is not Status.FAIL for f in self.findings)

    def counts(self) -> dict[Status, int]:
        return {s: sum(f.status is s for f in self.findings) for s in Status}

    def summary(self) -> str:
        c = self.counts()
        return f"{c[Status.PASS]} ok, {c[Status.WARN]} to check, {c[Status.FAIL]} to fix"

    def __repr__(self) -> str:
        lines = [f"{self.title}: {self.summary()}", *(f"  {f}" for f in self.findings)]
        return "\n".join([*lines, self.note] if self.note else lines)

    def _repr_html_(self) -> str:
        return review_html(self)


def review_html(review: Review) -> str:
    """The review as an escaped HTML checklist (status shown by icon and word)."""
    import html

    rows = []
    for item in review.findings:
        excerpt = (
            f'<div class="iv-excerpt">“{html.escape(item.excerpt)}”</div>' if item.excerpt else ""
        )
        rows.append(
            f'<li class="iv-finding iv-{item.status.value}" data-rule="{html.escape(item.rule)}"'
            f' data-status="{item.status.value}">'
            f'<span class="iv-icon" aria-hidden="true">{item.status.icon}</span> '
            f"<strong>{item.status.word}</strong>: {html.escape(item.message)}{excerpt}"
            f" {finding_source_html(item)}</li>"
        )
    note = f'<p class="iv-review-note">{html.escape(review.note)}</p>' if review.note else ""
    return (
        f'<div class="iv-review"><p><strong>{html.escape(review.title)}</strong> — '
        f"{html.escape(review.summary())}</p><ul>{''.join(rows)}</ul>{note}</div>"
    )
