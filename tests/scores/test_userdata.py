"""The scorebook's UserDataPart: export and erasure (rows and stored files)."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from accounts.userdata import registered_parts
from scores.models import (
    CollectionMember,
    Score,
    ScoreAnalytics,
    ScorePage,
    ScoreVersion,
    UserCollection,
)
from tests.accounts.factories import UserFactory
from tests.scores.factories import (
    CollectionFactory,
    CollectionMemberFactory,
    ScoreAnalyticsFactory,
    ScoreFactory,
    ScorePageFactory,
    ScoreVersionFactory,
    UserCollectionFactory,
)

pytestmark = pytest.mark.django_db(databases=["default", "scores"], transaction=True)


def part():
    return next(p for p in registered_parts() if p.name == "scores")


def test_the_scores_part_is_registered_on_the_scores_database():
    assert part().database == "scores"


def _upload_of(user):
    score = ScoreFactory(user_id=user.pk, visibility="private", title="My Etude")
    version = ScoreVersionFactory(score=score)
    default_storage.save(version.file.name, ContentFile(b"%PDF-1.4 test"))
    page = ScorePageFactory(score=score, version=version, page_number=1)
    default_storage.save(page.image.name, ContentFile(b"webp"))
    ScoreAnalyticsFactory(score=score, view_count=3)
    return score, version, page


def test_export_lists_the_users_scores_and_collections_with_members():
    user = UserFactory()
    score, _, _ = _upload_of(user)
    ScoreFactory(user_id=UserFactory().pk, title="Not mine")
    collection = UserCollectionFactory(user_id=user.pk, name="Practice")
    CollectionMemberFactory(user_collection=collection, score=score, display_order=1)
    sections = {name: list(rows) for name, rows in part().export(user)}
    assert [row["title"] for row in sections["scores"]] == ["My Etude"]
    [exported] = sections["score_collections"]
    assert exported["name"] == "Practice"
    assert exported["members"][0]["score_id"] == score.id


def test_erase_removes_scores_versions_pages_analytics_collections_and_files():
    user, other = UserFactory(), UserFactory()
    score, version, page = _upload_of(user)
    kept = ScoreFactory(user_id=other.pk)
    own_collection = UserCollectionFactory(user_id=user.pk)
    CollectionMemberFactory(user_collection=own_collection, score=kept)
    counts = part().erase(user)
    assert counts["scores"] == 1 and counts["user_collections"] == 1
    assert not Score.objects.filter(pk=score.id).exists()
    assert not ScoreVersion.objects.filter(pk=version.id).exists()
    assert not ScorePage.objects.filter(pk=page.id).exists()
    assert not ScoreAnalytics.objects.filter(score_id=score.id).exists()
    assert not UserCollection.objects.filter(user_id=user.pk).exists()
    assert not CollectionMember.objects.filter(user_collection_id=own_collection.id).exists()
    assert not default_storage.exists(version.file.name)
    assert not default_storage.exists(page.image.name)
    assert Score.objects.filter(pk=kept.id).exists()


def test_erase_rewrites_the_score_ids_of_collections_that_held_the_users_scores():
    user = UserFactory()
    score, _, _ = _upload_of(user)
    public_score = ScoreFactory()
    curated = CollectionFactory()
    CollectionMemberFactory(collection=curated, score=score, display_order=0)
    CollectionMemberFactory(collection=curated, score=public_score, display_order=1)
    part().erase(user)
    curated.refresh_from_db()
    assert curated.score_ids == [public_score.id]
