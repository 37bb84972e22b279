"""Reading the audit trail in a real browser (tests/browser.py): staff filter it by action and
find a user's events by address. A failing step leaves a screenshot under var/test-artifacts/."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from accounts.services import tokens_issue
from tests.accounts.factories import UserFactory
from tests.browser import staff_page

pytestmark = pytest.mark.django_db(transaction=True, databases=["default"])
TRAIL = "/admin/accounts/auditevent/"


def _log_out(user) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens_issue(user=user).access_token}")
    assert client.post("/api/auth/logout").status_code == 204


def test_staff_read_the_audit_trail_filter_it_by_action_and_search_by_address(live_server):
    pianist, cellist = UserFactory(email="pianist@example.com"), UserFactory()
    _log_out(pianist)
    _log_out(cellist)

    with staff_page(live_server, name="accounts-read-audit-trail", next_path=TRAIL) as page:
        rows = page.locator("#result_list tbody tr")
        assert rows.count() == 3  # the staff member's own sign-in, two logouts
        page.click("#changelist-filter a:text-is('Signed out')")
        page.wait_for_url("**action__exact=logout**")
        assert rows.count() == 2
        page.fill("#searchbar", "pianist@example.com")
        page.press("#searchbar", "Enter")
        page.wait_for_url("**q=pianist**")
        assert rows.count() == 1
        assert "pianist@example.com" in rows.first.inner_text()
        assert "Signed out" in rows.first.inner_text()
