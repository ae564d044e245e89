"""Keyboard-only and reflow helpers for the browser tests.

A person without a mouse moves with Tab and Shift+Tab, presses links and buttons with Enter
(or Space for a button), moves within a group of radios with the arrow keys and types. These
helpers do only that — never `click()`, `fill()` or `check()` — and, at every stop, assert that
the focused element shows a visible focus indicator (WCAG 2.4.7) and that Tab moves forward
through the document (WCAG 2.4.3).
"""

from __future__ import annotations

import datetime
import warnings

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.conftest import check_accessibility
from tests.conftest import totp_code
from tests.factories import PASSWORD

TAB_LIMIT = 250

# What makes the focused element visibly focused, read from computed styles. GOV.UK Frontend
# draws focus as a box-shadow and a yellow background (its outline is transparent, for Windows
# high-contrast mode), and draws a radio's or checkbox's focus on the label's ::before ring,
# because the real input is invisible.
_FOCUS_INDICATOR = """
() => {
  const element = document.activeElement;
  if (!element || element === document.body) return {visible: false, describe: "nothing"};
  const painted = style => {
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
      && !/rgba\\([^)]*,\\s*0\\)|transparent/.test(style.outlineColor);
    return outline || (style.boxShadow && style.boxShadow !== "none");
  };
  let visible = painted(getComputedStyle(element));
  const isChoice = element.matches(".govuk-radios__input, .govuk-checkboxes__input");
  if (!visible && isChoice) {
    const label = element.parentElement.querySelector(":scope > label");
    visible = Boolean(label) && painted(getComputedStyle(label, "::before"));
  }
  const rect = (isChoice ? element.parentElement : element).getBoundingClientRect();
  const onScreen = rect.width > 0 && rect.height > 0;
  const describe = element.outerHTML.slice(0, 160);
  // The browser's own picker button inside a date or time field: the field matches only
  // :focus-within, which frontend/main.scss styles from the build that adds that rule.
  const picker = !element.matches(":focus") && element.matches(":focus-within");
  const styled = [...document.styleSheets].some(sheet => [...sheet.cssRules].some(
    rule => rule.selectorText === ".govuk-input:focus-within"));
  return {visible: visible && onScreen, describe, pickerBeforeRebuild: picker && !styled};
}
"""

# Tab must move forward through the document (or wrap back to the top of it).
_ORDER = """
() => {
  const now = document.activeElement;
  const before = window.__lastFocused;
  window.__lastFocused = now;
  if (!before || !before.isConnected || before === now) return true;
  return Boolean(before.compareDocumentPosition(now) & Node.DOCUMENT_POSITION_FOLLOWING)
    || now.closest(".govuk-skip-link, header") !== null;
}
"""


def is_focused(locator: Locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def assert_focus_visible(page: Page) -> None:
    result = page.evaluate(_FOCUS_INDICATOR)
    if result["pickerBeforeRebuild"]:
        # Until static/dist is rebuilt from frontend/main.scss only Chromium's own thin ring
        # (drawn where page styles cannot be read) shows this focus: visible, but not ours.
        warnings.warn(
            "static/dist/css/main.css predates .govuk-input:focus-within: run npm run build",
            stacklevel=2,
        )
        return
    assert result["visible"], f"{page.url}: focus is not visible on {result['describe']}"


def tab_to(page: Page, locator: Locator, *, limit: int = TAB_LIMIT, back: bool = False) -> None:
    """Press Tab (Shift+Tab with `back`) until `locator` has focus; fail after `limit` presses.

    Every element passed on the way must show its focus, and with forward Tab each one must
    come after the one before it in the document.
    """
    locator.wait_for(state="attached")
    key = "Shift+Tab" if back else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("document.activeElement !== document.body"):
            assert_focus_visible(page)
            forward = page.evaluate(_ORDER)
            assert forward or back, f"{page.url}: Tab moved focus backwards"
        if is_focused(locator):
            return
    raise AssertionError(f"{page.url}: pressing {key} {limit} times never reached {locator}")


def choose_file_by_keyboard(page: Page, locator: Locator, path: str, *, tries: int = 3) -> None:
    """Tab to a file input, open its file chooser with Space and pick `path`.

    On a busy machine Chromium now and then drops the chooser a key press asks for (the
    event never comes): with the input still focused, Space is pressed again, up to `tries`
    times. The chooser is still only ever opened from the keyboard.
    """
    tab_to(page, locator)
    for attempt in range(tries):
        assert is_focused(locator), f"{page.url}: the file input lost focus"
        try:
            with page.expect_file_chooser(timeout=5_000) as chooser:
                page.keyboard.press("Space")
        except PlaywrightTimeoutError:
            if attempt == tries - 1:
                raise
            continue
        chooser.value.set_files(path)
        return


def activate(page: Page, locator: Locator, key: str = "Enter") -> None:
    """Tab to a link or button and press it; axe checks the page it leads to."""
    tab_to(page, locator)
    with page.expect_navigation():
        page.keyboard.press(key)
    check_accessibility(page)


def skip_to_main(page: Page) -> None:
    """On a page just loaded, the first Tab shows the skip link; Enter moves focus to the
    main content, so the next Tab goes past the header and navigation (WCAG 2.4.1)."""
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()
    page.evaluate("window.__lastFocused = document.activeElement")


def type_into(page: Page, locator: Locator, text: str) -> None:
    """Tab to a field, clear what is there and type."""
    tab_to(page, locator)
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(text)


def choose(page: Page, option: Locator) -> None:
    """A radio: Tab into its group, then arrow keys to the option, as GOV.UK radios work.

    Arrow keys in a radio group select as they move, so the option ends up checked.
    """
    name = option.get_attribute("name")
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        if page.evaluate("name => document.activeElement.name === name", name):
            break
    else:
        raise AssertionError(f"{page.url}: pressing Tab never reached the {name} radios")
    assert_focus_visible(page)
    assert page.evaluate(_ORDER), f"{page.url}: Tab moved focus backwards"
    for _ in range(20):
        if is_focused(option):
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert_focus_visible(page)
    page.evaluate(_ORDER)
    expect(option).to_be_checked()


def type_date(page: Page, field: Locator, day: datetime.date) -> None:
    """A browser date field: Tab to it and type its segments in the browser's order.

    Chromium orders the day, month and year by its own interface language, not the page's, so
    try day first and, if the field does not hold the date, go back and type month first.
    """
    tab_to(page, field)
    page.keyboard.type(f"{day:%d%m%Y}")
    if field.input_value() != day.isoformat():
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        page.keyboard.type(f"{day:%m%d%Y}")
    expect(field).to_have_value(day.isoformat())


def tick(page: Page, checkbox: Locator) -> None:
    tab_to(page, checkbox)
    page.keyboard.press("Space")
    expect(checkbox).to_be_checked()


def select_option(page: Page, select: Locator, label: str) -> None:
    """A <select>: focus it and press ArrowDown until the option is chosen (no pop-up)."""
    tab_to(page, select)
    for _ in range(60):
        if select.evaluate("s => s.options[s.selectedIndex].label") == label:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{page.url}: no option {label!r} in {select}")


def sign_in(page: Page, email: str, *, totp_secret: str | None = None) -> None:
    """Sign in from the home page by keyboard alone."""
    page.goto("/")
    check_accessibility(page)
    activate(page, page.get_by_role("link", name="Sign in").first)
    type_into(page, page.locator("input[name=login]"), email)
    type_into(page, page.locator("input[name=password]"), PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_accessibility(page)
    if totp_secret:
        type_into(page, page.locator("input[name=code]"), totp_code(totp_secret))
        with page.expect_navigation():
            page.keyboard.press("Enter")
        check_accessibility(page)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


# Reflow (WCAG 1.4.10). Text is "clipped" when an ancestor that hides its overflow cuts it off
# (sideways or at the bottom), or when it sticks out past the left or right edge of the
# viewport. Text inside a container that scrolls (a wide data table's wrapper, which WCAG
# exempts) can be reached, so is not clipped; visually hidden text for screen readers (a 1px box,
# or clipped to nothing) is skipped.
_CLIPPED_TEXT = """
() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const element = node.parentElement;
    if (element.closest("script, style, template, noscript, [hidden]")) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rect = range.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    let hidden = false;
    let scrolls = false;
    let clippedBy = null;
    for (let box = element; box && box !== document.documentElement; box = box.parentElement) {
      const boxRect = box.getBoundingClientRect();
      if (boxRect.width <= 1 || boxRect.height <= 1) { hidden = true; break; }
      const style = getComputedStyle(box);
      if (style.visibility === "hidden" || style.opacity === "0") { hidden = true; break; }
      // GOV.UK's visually hidden text: clipped to nothing on purpose, for screen readers.
      if (style.clipPath === "inset(50%)" || style.clip === "rect(0px, 0px, 0px, 0px)") {
        hidden = true; break;
      }
      if (/auto|scroll/.test(style.overflowX)) { scrolls = true; break; }
      if (/hidden|clip/.test(style.overflowX)
          && (rect.right > boxRect.right + 1 || rect.left < boxRect.left - 1)) {
        clippedBy = box; break;
      }
      if (/hidden|clip/.test(style.overflowY)
          && (rect.bottom > boxRect.bottom + 1 || rect.top < boxRect.top - 1)) {
        clippedBy = box; break;
      }
    }
    if (hidden || scrolls) continue;
    if (clippedBy || rect.right > width + 1 || rect.left < -1) {
      found.push(`${element.tagName.toLowerCase()}.${element.className}: `
        + `"${node.textContent.trim().slice(0, 60)}" spans ${Math.round(rect.left)}`
        + `-${Math.round(rect.right)}px of ${width}px`);
    }
  }
  return found;
}
"""


def reflow_problems(page: Page) -> list[str]:
    """What stops the page as it is now from reflowing: sideways scrolling, clipped text."""
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    problems = [f"{page.url}: text is clipped: {text}" for text in page.evaluate(_CLIPPED_TEXT)]
    if scroll > client + 1:
        problems.insert(0, f"{page.url} scrolls sideways: {scroll}px of {client}px")
    return problems


def assert_reflows(page: Page) -> None:
    """No sideways scrolling of the document and no clipped text, then axe."""
    problems = reflow_problems(page)
    assert problems == [], "\n".join(problems)
    check_accessibility(page)
