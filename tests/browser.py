"""Staff workflows in a real browser: Playwright (PyPI wheel, which ships its driver) drives
Debian's Chromium, never a downloaded one (`make test` installs Chromium when missing; never
`playwright install`). Without it a test skips loudly, and fails when CI=true.

`staff_page` signs a staff member into the admin and yields the page; if anything inside the
block fails (a step or an assertion), a screenshot of the page at that moment is saved under
var/test-artifacts/ before the failure propagates."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "correct horse battery staple"
ARTIFACTS = Path(__file__).resolve().parents[1] / "var" / "test-artifacts"


def require_browser():
    problem = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        problem = "the playwright package is not installed (pip install -r requirements-dev.txt)"
    if problem is None and not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        problem = (
            f"Chromium is not installed at {CHROMIUM} (make browser, or apt-get install chromium)"
        )
    if problem:
        message = f"BROWSER TEST NOT RUN: {problem}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return sync_playwright


def make_staff():
    from tests.accounts.factories import UserFactory

    staff = UserFactory(is_staff=True, is_superuser=True)
    staff.set_password(PASSWORD)
    staff.save()
    return staff


def screenshot_path(name: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
    return ARTIFACTS / f"{safe}.png"


@contextmanager
def staff_page(live_server, *, name: str, next_path: str, staff=None) -> Iterator:
    """A signed-in admin page at `next_path`; a screenshot named `name` on any failure."""
    sync_playwright = require_browser()
    staff = staff or make_staff()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15_000)
        try:
            page.goto(f"{live_server.url}/admin/login/?next={next_path}")
            page.fill("input[name=username]", staff.email)
            page.fill("input[name=password]", PASSWORD)
            page.click("input[type=submit]")
            page.wait_for_url(f"**{next_path}")
            page.staff = staff
            yield page
        except BaseException:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot_path(name)), full_page=True)
            raise
        finally:
            browser.close()
