"""Accessibility checks in the browser: axe-core on the kit's output, and a contrast scan.

axe-core comes from the npm registry (``make`` installs it into tools/node). Its own colour
check gives up inside JupyterLab (layered backgrounds), so :data:`CONTRAST_SCAN` measures
text and focus-ring contrast from computed styles itself: text 4.5:1 (3:1 when large),
focus indicator 3:1 (WCAG 2.1 1.4.3 and 1.4.11).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.helpers import ROOT

AXE = ROOT / "tools" / "node" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
KIT = ".iv-kit"  # every kit widget's root (see infoview.ui.common.kit_root)

_RUN_AXE = """
async ([selector, tags]) => {
  const include = Array.from(document.querySelectorAll(selector));
  if (!include.length) { return {violations: [], checked: 0}; }
  const result = await axe.run(include,
    {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  const checked = include.reduce((n, e) => n + e.querySelectorAll('*').length + 1, 0);
  return {checked, violations: result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))};
}
"""

CONTRAST_SCAN = """
(selector) => {
  const parse = c => { const m = c.match(/[\\d.]+/g); if (!m) { return null; }
    return {r: +m[0], g: +m[1], b: +m[2], a: m.length > 3 ? +m[3] : 1}; };
  const lum = c => { const f = v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05); };
  const background = el => {
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c && c.a > 0.5) { return c; }
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const visible = el => { const s = getComputedStyle(el); const r = el.getBoundingClientRect();
    return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 0 && r.height > 0; };
  const failures = []; let texts = 0; let rings = 0;
  for (const root of document.querySelectorAll(selector)) {
    for (const el of root.querySelectorAll('*')) {
      const own = Array.from(el.childNodes).some(
        n => n.nodeType === 3 && n.textContent.trim() !== '');
      if (!own || !visible(el) || el.closest('[aria-hidden="true"]')) { continue; }
      const s = getComputedStyle(el);
      const fg = parse(s.color); const bg = background(el);
      const size = parseFloat(s.fontSize); const bold = parseInt(s.fontWeight, 10) >= 700;
      const large = size >= 24 || (bold && size >= 18.66);
      const disabled = el.closest(':disabled, .mod-disabled');
      if (disabled || !fg) { continue; }
      // A translucent colour is seen mixed with its background.
      const mixed = {r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a),
                     b: fg.b * fg.a + bg.b * (1 - fg.a)};
      texts += 1;
      const found = ratio(mixed, bg); const needed = large ? 3 : 4.5;
      if (found < needed) {
        failures.push({kind: 'text', ratio: +found.toFixed(2), needed,
          text: el.textContent.trim().slice(0, 40), tag: el.tagName, cls: el.className});
      }
    }
    const controls = root.querySelectorAll(
      'button:not(:disabled), input:not(:disabled), select, textarea, a[href], [tabindex="0"]');
    for (const el of controls) {
      if (!visible(el)) { continue; }
      el.focus();
      const s = getComputedStyle(el);
      const width = parseFloat(s.outlineWidth) || 0;
      const ring = s.outlineStyle !== 'none' && width >= 2 ? parse(s.outlineColor) : null;
      const bg = background(el.parentElement || el);
      rings += 1;
      const found = ring ? ratio(ring, bg) : 0;
      if (found < 3) {
        failures.push({kind: 'focus', ratio: +found.toFixed(2), needed: 3,
          text: (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40),
          tag: el.tagName, cls: String(el.className)});
      }
      el.blur();
    }
  }
  return {texts, rings, failures};
}
"""


@dataclass
class Audit:
    """What the checks found on one page."""

    name: str
    checked: int = 0
    serious: list[dict[str, Any]] = field(default_factory=list)
    minor: list[dict[str, Any]] = field(default_factory=list)
    contrast: list[dict[str, Any]] = field(default_factory=list)
    texts: int = 0
    rings: int = 0

    def line(self) -> str:
        return (
            f"accessibility {self.name}: {self.checked} elements checked by axe "
            f"({len(self.serious)} serious/critical, {len(self.minor)} minor/moderate rules), "
            f"{self.texts} texts and {self.rings} focus rings measured, "
            f"{len(self.contrast)} contrast failures"
        )


def axe_path() -> str:
    """axe.min.js, or a skip (a failure in CI) with the reason."""
    if AXE.is_file():
        return str(AXE)
    reason = f"axe-core not installed at {AXE} (run: npm ci --prefix tools/node)"
    if os.environ.get("CI"):
        pytest.fail(reason + "; CI must run the accessibility checks")
    pytest.skip(reason)


def audit(page: Page, name: str, selector: str = KIT) -> Audit:
    """Run axe (WCAG 2.0/2.1 A and AA) and the contrast scan on the kit's widgets."""
    page.add_script_tag(path=axe_path())
    found = page.evaluate(_RUN_AXE, [selector, TAGS])
    scan = page.evaluate(CONTRAST_SCAN, selector)
    result = Audit(name, checked=int(found["checked"]), texts=scan["texts"], rings=scan["rings"])
    for violation in found["violations"]:
        serious = violation["impact"] in ("serious", "critical")
        (result.serious if serious else result.minor).append(violation)
    result.contrast = scan["failures"]
    return result
