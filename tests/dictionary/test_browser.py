"""End to end in a real browser: staff sign in to the admin, approve a queued entry, and the
public API then serves it. Playwright (PyPI wheel, which ships its driver) drives Debian's
Chromium; `make test` installs Chromium when missing. Without it the test skips loudly, and
fails when CI=true."""

from __future__ import annotations

import json
import os
import shutil
import urllib.request

import pytest

from dictionary.models import ManualReview
from tests.accounts.factories import UserFactory
from tests.dictionary.factories import ReviewFactory

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "scores", "dictionary"])
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


def _require_browser():
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


def _get_json(url: str) -> tuple[int, dict]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_staff_approve_a_queued_entry_in_the_admin_and_the_api_serves_it(live_server):
    sync_playwright = _require_browser()
    staff = UserFactory(is_staff=True, is_superuser=True)
    staff.set_password(PASSWORD)
    staff.save()
    review = ReviewFactory(term="Ostinato", type="theory")
    api_url = f"{live_server.url}/api/dictionary/terms/ostinato"
    assert _get_json(api_url)[0] == 404

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(15_000)
            page.goto(f"{live_server.url}/admin/login/?next=/admin/dictionary/manualreview/")
            page.fill("input[name=username]", staff.email)
            page.fill("input[name=password]", PASSWORD)
            page.click("input[type=submit]")
            page.wait_for_url("**/admin/dictionary/manualreview/")
            page.check(f"input[name=_selected_action][value='{review.id}']")
            page.select_option("select[name=action]", "approve_selected")
            page.click("button[name=index]")
            page.wait_for_selector("ul.messagelist")
            message = page.inner_text("ul.messagelist")
        finally:
            browser.close()

    assert "Approved and published 1: Ostinato." in message
    assert ManualReview.objects.get(pk=review.pk).status == "approved"
    status, body = _get_json(api_url)
    assert status == 200
    assert body["entry"]["term"] == "Ostinato"
    assert body["entry"]["source"] == "review"
