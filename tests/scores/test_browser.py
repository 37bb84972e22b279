"""Curating a featured collection in a real browser (tests/browser.py): staff feature it, add a
score with the catalogue picker, reorder the members, and the public API shows the new order.
A failing step leaves a screenshot under var/test-artifacts/."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import AuditEvent
from scores.models import Collection
from scores.services.collections import refresh_curated
from tests.browser import staff_page
from tests.scores.factories import CollectionFactory, CollectionMemberFactory, ScoreFactory

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "scores"])


def test_staff_curate_a_featured_collection_and_reorder_it_in_the_admin(live_server):
    collection = CollectionFactory(name="Evening pieces", is_featured=False)
    first, second, third = (ScoreFactory(title=f"Nocturne {n}") for n in (1, 2, 3))
    for position, score in enumerate([first, second, third], start=1):
        CollectionMemberFactory(collection=collection, score=score, display_order=position)
    refresh_curated(collection.pk)
    added = ScoreFactory(title="Gymnopédie No. 1", composer="Erik Satie")
    change = f"/admin/scores/collection/{collection.pk}/change/"

    with staff_page(live_server, name="scores-curate-collection", next_path=change) as page:
        page.check("input[name=is_featured]")
        # Reverse the order: the third nocturne first, the first one last.
        page.fill("input[name=members-0-display_order]", "4")
        page.fill("input[name=members-2-display_order]", "1")
        # The empty row: pick a score with the catalogue search (Django's select2 widget).
        page.click("#members-3 .select2-selection")
        page.fill(".select2-search__field", "Gymnop")
        page.click(".select2-results__option >> text=Gymnopédie No. 1")
        page.fill("input[name=members-3-display_order]", "3")
        page.click("input[name=_save]")
        page.wait_for_selector("ul.messagelist")
        assert "was changed successfully" in page.inner_text("ul.messagelist")

    stored = Collection.objects.get(pk=collection.pk)
    assert stored.is_featured is True
    assert stored.score_ids == [third.id, second.id, added.id, first.id]
    api = Client()
    featured = api.get("/api/collections", {"featured": "true"}).json()["items"]
    assert [item["slug"] for item in featured] == [collection.slug]
    detail = api.get(f"/api/collections/{collection.slug}").json()
    assert [score["id"] for score in detail["scores"]] == [third.id, second.id, added.id, first.id]
    edit = AuditEvent.objects.get(action="admin_change")
    assert (edit.target_type, edit.target_id) == ("scores.collection", str(collection.pk))
