"""The staff admin: featuring collections, ordered members, reprocessing, read-only analytics."""

from __future__ import annotations

import pytest
from django.test import Client

from scores.models import Collection, CollectionMember, ScoreVersion
from tests.accounts.factories import UserFactory
from tests.scores.factories import (
    CollectionFactory,
    ScoreAnalyticsFactory,
    ScoreFactory,
    ScoreVersionFactory,
)

pytestmark = pytest.mark.django_db(databases=["default", "scores"])


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_staff_feature_a_collection_and_it_shows_as_featured(staff_client, api_client):
    collection = CollectionFactory(is_featured=False)
    response = staff_client.post(
        "/admin/scores/collection/",
        {"action": "feature", "_selected_action": [collection.pk]},
        follow=True,
    )
    assert "1 collection(s) now featured" in response.content.decode()
    items = api_client.get("/api/collections", {"featured": "true"}).json()["items"]
    assert [item["slug"] for item in items] == [collection.slug]


def test_members_saved_in_the_admin_are_ordered_and_derive_score_ids(staff_client):
    first, second = ScoreFactory(), ScoreFactory()
    data = {
        "name": "Staff picks",
        "slug": "staff-picks",
        "description": "",
        "instrument": "",
        "difficulty": "",
        "display_order": "0",
        "members-TOTAL_FORMS": "2",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
        "members-0-score": second.id,
        "members-0-display_order": "2",
        "members-1-score": first.id,
        "members-1-display_order": "1",
    }
    response = staff_client.post("/admin/scores/collection/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    collection = Collection.objects.get(slug="staff-picks")
    assert collection.score_ids == [first.id, second.id]
    assert CollectionMember.objects.filter(collection=collection).count() == 2


def test_the_score_picker_searches_the_catalogue(staff_client):
    ScoreFactory(title="Lágrima", composer="Francisco Tárrega")
    response = staff_client.get(
        "/admin/autocomplete/",
        {
            "term": "lagrima",
            "app_label": "scores",
            "model_name": "collectionmember",
            "field_name": "score",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Lágrima (Francisco Tárrega)"]


def test_the_reprocess_action_queues_the_files_again(staff_client):
    version = ScoreVersionFactory(processing_status="failed", attempts=3, processing_error="boom")
    response = staff_client.post(
        "/admin/scores/score/",
        {"action": "reprocess", "_selected_action": [version.score_id]},
        follow=True,
    )
    assert "queued for process_scores" in response.content.decode()
    version.refresh_from_db()
    assert (version.processing_status, version.attempts, version.processing_error) == (
        "pending",
        0,
        "",
    )


def test_score_filters_and_analytics_pages_render_for_staff(staff_client):
    ScoreAnalyticsFactory(view_count=4)
    assert (
        staff_client.get(
            "/admin/scores/score/", {"visibility__exact": "public", "q": "Study"}
        ).status_code
        == 200
    )
    assert staff_client.get("/admin/scores/scoreanalytics/").status_code == 200
    assert staff_client.get("/admin/scores/scoreanalytics/add/").status_code == 403


def test_non_staff_cannot_reach_the_admin():
    client = Client()
    client.force_login(UserFactory())
    assert client.get("/admin/scores/collection/").status_code == 302
    assert ScoreVersion.objects.count() == 0
