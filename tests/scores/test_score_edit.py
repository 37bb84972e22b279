"""PATCH and DELETE /api/scores/{id}: the owner only; deletion removes the stored files."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from scores.models import CollectionMember, Score
from tests.accounts.factories import UserFactory
from tests.scores.factories import (
    CollectionFactory,
    CollectionMemberFactory,
    ScoreFactory,
    ScorePageFactory,
    ScoreVersionFactory,
)

pytestmark = pytest.mark.django_db(databases=["default", "scores"], transaction=True)


@pytest.fixture
def owned(auth_client):
    return ScoreFactory(user_id=auth_client.user.pk, visibility="private", title="Draft")


def test_the_owner_edits_metadata_and_the_composer_is_canonicalised(auth_client, owned):
    response = auth_client.patch(
        f"/api/scores/{owned.id}",
        {"title": "Final", "composer": "Bach, J.S.", "visibility": "public"},
    )
    assert response.status_code == 200, response.json()
    owned.refresh_from_db()
    assert (owned.title, owned.composer, owned.visibility) == (
        "Final",
        "Johann Sebastian Bach",
        "public",
    )
    assert owned.slug == "final" and owned.search_title == "final"


def test_others_cannot_edit_or_delete_and_learn_nothing_of_private_scores(make_auth_client, owned):
    other = make_auth_client(UserFactory())
    assert other.patch(f"/api/scores/{owned.id}", {"title": "Mine now"}).status_code == 404
    assert other.delete(f"/api/scores/{owned.id}").status_code == 404
    owned.refresh_from_db()
    assert owned.title == "Draft"


def test_a_visible_score_of_someone_else_is_a_403(auth_client):
    catalogue = ScoreFactory(title="Catalogue")
    assert auth_client.patch(f"/api/scores/{catalogue.id}", {"title": "X"}).status_code == 403
    assert auth_client.delete(f"/api/scores/{catalogue.id}").status_code == 403
    assert Score.objects.filter(pk=catalogue.id).exists()


def test_bad_edits_are_a_400_and_change_nothing(auth_client, owned):
    response = auth_client.patch(f"/api/scores/{owned.id}", {"difficultyLevel": 0, "title": ""})
    assert response.status_code == 400
    owned.refresh_from_db()
    assert owned.title == "Draft"


def test_delete_removes_rows_files_and_memberships(auth_client, owned):
    version = ScoreVersionFactory(score=owned)
    page = ScorePageFactory(score=owned, page_number=1)
    for key in (version.file.name, page.image.name):
        default_storage.save(key, ContentFile(b"data"))
    curated = CollectionFactory()
    CollectionMemberFactory(collection=curated, score=owned)
    assert auth_client.delete(f"/api/scores/{owned.id}").status_code == 204
    assert not Score.objects.filter(pk=owned.id).exists()
    assert not CollectionMember.objects.filter(score_id=owned.id).exists()
    assert not default_storage.exists(version.file.name)
    assert not default_storage.exists(page.image.name)
    curated.refresh_from_db()
    assert curated.score_ids == []
