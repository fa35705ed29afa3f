"""Drive the kit by keyboard alone: Tab, Shift+Tab, Space, Enter, arrows and typing.

The only programmatic step is the first one: focus goes to the first control of a widget, as
if the learner had tabbed there from the cell. Everything after that is a key press, and
after each action the test checks that focus is still on a control of the kit (never on the
page's body, where it lands when the focused element is redrawn away).
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Locator, Page

FOCUSABLE = (
    "button:not(:disabled), input:not(:disabled), select:not(:disabled), "
    "textarea:not(:disabled), a[href], [tabindex='0']"
)

# Every control of a widget that a person can see, each given a number once (data-kb).
_CONTROLS = """
(root, focusable) => {
  const visible = el => { const s = getComputedStyle(el); const r = el.getBoundingClientRect();
    return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 0 && r.height > 0; };
  document.querySelectorAll('[data-kb]').forEach(el => { delete el.dataset.kb; });
  const all = Array.from(root.querySelectorAll(focusable)).filter(visible);
  all.forEach((el, i) => { el.dataset.kb = String(i); });
  return all.map(el => describe(el));
  function describe(el) {
    const name = el.getAttribute('aria-label') || (el.labels && el.labels[0]
      ? el.labels[0].textContent : '') || el.textContent || el.title || '';
    return el.tagName.toLowerCase() + (el.type ? '[' + el.type + ']' : '') + ' '
      + name.trim().slice(0, 40);
  }
}
"""

_ACTIVE = """
(selector) => {
  const el = document.activeElement;
  if (!el || el === document.body) { return {where: 'body'}; }
  const root = el.closest(selector);
  return {where: root ? 'kit' : 'elsewhere',
          kb: el.dataset.kb === undefined ? null : el.dataset.kb,
          tag: el.tagName, cls: String(el.className),
          text: (el.textContent || '').trim().slice(0, 40)};
}
"""


def start_at_first_control(page: Page, root: Locator) -> list[str]:
    """Number the widget's visible controls, focus the first; return their descriptions."""
    controls: list[str] = root.evaluate(_CONTROLS, FOCUSABLE)
    assert controls, "the widget shows no control"
    root.locator("[data-kb='0']").focus()
    return controls


def active(page: Page, root_selector: str) -> dict[str, Any]:
    found: dict[str, Any] = page.evaluate(_ACTIVE, root_selector)
    return found


def assert_focus_kept(page: Page, root_selector: str, after: str) -> None:
    """Focus is on something inside the widget after ``after`` (not lost to the body)."""
    where = active(page, root_selector)
    assert where["where"] == "kit", f"focus lost after {after}: {where}"


def walk(page: Page, root_selector: str, count: int) -> list[str]:
    """Tab through the widget from its first control; every control is met once, in order."""
    met = ["0"]
    for _ in range(count + 5):
        page.keyboard.press("Tab")
        where = active(page, root_selector)
        assert where["where"] != "body", f"Tab dropped focus on the body after {met}"
        if where["where"] != "kit":
            break  # left the widget: no trap
        if where["kb"] is not None and where["kb"] != met[-1]:  # a date's parts: one control
            assert where["kb"] not in met, f"Tab came back to control {where['kb']}: a loop"
            met.append(where["kb"])
    else:
        raise AssertionError(f"Tab never left the widget: a keyboard trap ({met})")
    return met


def tab_to(page: Page, target: Locator, *, back: bool = False, limit: int = 80) -> None:
    """Press Tab (or Shift+Tab) until ``target`` has focus."""
    handle = target.element_handle()
    for _ in range(limit):
        if page.evaluate("el => document.activeElement === el", handle):
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
    raise AssertionError(f"{limit} presses of Tab did not reach {target}")


def choose_by_keyboard(page: Page, select: Locator, starting: str) -> None:
    """Pick a dropdown option the way the facilitator guide says: Space, arrows, Enter."""
    labels: list[str] = select.locator("option").evaluate_all("os => os.map(o => o.text)")
    wanted = next(
        i for i, label in enumerate(labels) if label.replace("\xa0", " ").startswith(starting)
    )
    now: int = select.evaluate("s => s.selectedIndex")
    page.keyboard.press("Space")
    for _ in range(abs(wanted - now)):
        page.keyboard.press("ArrowDown" if wanted > now else "ArrowUp")
    page.keyboard.press("Enter")
