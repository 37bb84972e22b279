"""The issue's 'done when', in one story: a search for an unknown term queues it; the processor
publishes a good entry and routes a poor one to review; staff approve it in the admin; the term
is then found, also with a typo."""

from __future__ import annotations

import pytest
from django.test import Client

from dictionary.models import ManualReview
from dictionary.services.pipeline.processor import seed_queue_process
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db(databases=["default", "dictionary"])


def test_unknown_terms_grow_into_entries_found_even_with_typos(api_client, ai_server):
    for term in ("Larghissimo", "Hemiola"):
        body = api_client.get("/api/dictionary/search", {"q": term, "lang": "en"}).json()
        assert body["total"] == 0
    ai_server.modes["Hemiola"] = "poor"

    summary = seed_queue_process(limit=10)
    assert (summary.published, summary.reviewed) == (1, 1)
    assert api_client.get("/api/dictionary/terms/larghissimo").status_code == 200
    assert api_client.get("/api/dictionary/terms/hemiola").status_code == 404

    staff = Client()
    staff.force_login(UserFactory(is_staff=True, is_superuser=True))
    review = ManualReview.objects.get(term="Hemiola")
    staff.post(
        "/admin/dictionary/manualreview/",
        {"action": "approve_selected", "_selected_action": [review.id]},
    )

    found = api_client.get("/api/dictionary/terms/Hemiola")
    assert found.status_code == 200
    assert found.json()["entry"]["source"] == "review"
    typo = api_client.get("/api/dictionary/search", {"q": "hemiloa"}).json()
    assert [i["term"] for i in typo["items"]] == ["Hemiola"]
    assert typo["items"][0]["match"] == "typo"
