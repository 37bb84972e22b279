"""End to end in a real browser (tests/browser.py: Debian's Chromium through Playwright):
staff review queued entries in the admin, approve them, and the public API then serves them.
A failing step leaves a screenshot under var/test-artifacts/."""

from __future__ import annotations

import json
import urllib.request

import pytest

from accounts.models import AuditEvent
from dictionary.models import ManualReview
from tests.browser import staff_page
from tests.dictionary.factories import ReviewFactory

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "scores", "dictionary"])
REVIEWS = "/admin/dictionary/manualreview/"


def _get_json(url: str) -> tuple[int, dict]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_staff_approve_a_queued_entry_in_the_admin_and_the_api_serves_it(live_server):
    review = ReviewFactory(term="Ostinato", type="theory")
    api_url = f"{live_server.url}/api/dictionary/terms/ostinato"
    assert _get_json(api_url)[0] == 404

    with staff_page(live_server, name="dictionary-approve-from-list", next_path=REVIEWS) as page:
        page.check(f"input[name=_selected_action][value='{review.id}']")
        page.select_option("select[name=action]", "approve_selected")
        page.click("button[name=index]")
        page.wait_for_selector("ul.messagelist")
        assert "Approved and published 1: Ostinato." in page.inner_text("ul.messagelist")

    assert ManualReview.objects.get(pk=review.pk).status == "approved"
    status, body = _get_json(api_url)
    assert status == 200
    assert body["entry"]["term"] == "Ostinato"
    assert body["entry"]["source"] == "review"


def test_staff_review_an_entry_edit_its_definition_and_approve_it(live_server):
    review = ReviewFactory(term="Hemiola", type="theory")
    change = f"{REVIEWS}{review.id}/change/"
    with staff_page(live_server, name="dictionary-review-and-approve", next_path=change) as page:
        page.fill("textarea[name=concise]", "Three beats felt as two, or two as three.")
        page.click("input[name=_approve]")
        page.wait_for_selector("ul.messagelist")
        assert "Saved and published 'Hemiola'" in page.inner_text("ul.messagelist")

    stored = ManualReview.objects.get(pk=review.pk)
    assert stored.status == "approved"
    status, body = _get_json(f"{live_server.url}/api/dictionary/terms/hemiola")
    assert status == 200
    assert body["entry"]["definition"]["concise"] == "Three beats felt as two, or two as three."
    approval = AuditEvent.objects.get(action="review_approve")
    assert (approval.target_id, approval.detail) == (review.id, {"edited": True})
