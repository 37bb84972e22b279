"""The scorebook's bulk import services: scores as metadata without files, matched to our
catalogue; counters that only rise; collections, members and favourites by natural keys."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import override_settings

from scores.models import (
    DB,
    Collection,
    Score,
    ScoreAnalytics,
    ScoreFavorite,
    ScoreVersion,
    UserCollection,
)
from scores.services import (
    AnalyticsRecord,
    CuratedRecord,
    FavoriteRecord,
    MemberRecord,
    ScoreRecord,
    UserCollectionRecord,
    analytics_import,
    curated_import,
    favorites_import,
    members_import,
    scores_import,
    user_collections_import,
)
from tests.planner import planner_row_count
from tests.scores.factories import ScoreFactory, UserCollectionFactory

pytestmark = pytest.mark.django_db(databases=["scores"])
T0 = datetime(2023, 9, 1, tzinfo=UTC)
FIELDS = {
    "title": "Lágrima",
    "composer": "F. Tárrega",
    "instrument": "guitar",
    "difficulty": "intermediate",
}


def _score(score_id: str = "score_lagrima", **fields) -> ScoreRecord:
    return ScoreRecord(id=score_id, fields={**FIELDS, **fields}, created_at=T0)


def test_a_score_arrives_as_metadata_without_a_file():
    assert scores_import(records=[_score()]) == [("created", "score_lagrima")]
    score = Score.objects.get()
    assert (score.processing_status, score.source_type, score.page_count) == ("completed", "", None)
    assert (score.composer, score.slug, score.created_at) == ("Francisco Tárrega", "lagrima", T0)
    assert not ScoreVersion.objects.exists()


def test_the_same_score_again_is_unchanged_and_an_edited_one_kept():
    scores_import(records=[_score()])
    assert scores_import(records=[_score()]) == [("unchanged", "score_lagrima")]
    Score.objects.update(title="Lágrima (edited)")
    assert scores_import(records=[_score()]) == [("kept", "score_lagrima")]


@pytest.mark.parametrize("by", ["imslp_url", "title"])
def test_a_catalogue_piece_we_have_is_matched(by):
    url = "https://imslp.org/wiki/L%C3%A1grima"
    ours = ScoreFactory(
        title="Lágrima" if by == "title" else "Other",
        composer="Francisco Tárrega",
        imslp_url=url,
        user_id="",
    )
    extra = {"imslp_url": url} if by == "imslp_url" else {}
    assert scores_import(records=[_score(**extra)]) == [("matched", ours.pk)]
    assert Score.objects.count() == 1


def test_an_upload_is_never_matched_by_title():
    ScoreFactory(title="Lágrima", composer="Francisco Tárrega", user_id="")
    record = ScoreRecord(
        id="score_mine", fields=FIELDS, created_at=T0, user_id="u1", visibility="private"
    )
    assert scores_import(records=[record]) == [("created", "score_mine")]


def test_a_score_the_model_refuses_fails_alone():
    outcomes = scores_import(records=[_score("score_bad", imslp_url="not a url"), _score()])
    assert outcomes[0][0] == "failed" and "imslp_url" in outcomes[0][1]
    assert outcomes[1] == ("created", "score_lagrima")


def test_a_dry_run_writes_no_score():
    assert scores_import(records=[_score()], dry_run=True) == [("created", "score_lagrima")]
    assert not Score.objects.exists()


def test_counters_are_created_then_only_rise():
    score = ScoreFactory()
    assert analytics_import(records=[AnalyticsRecord(score.pk, view_count=5)]) == [
        ("created", score.pk)
    ]
    ScoreAnalytics.objects.update(view_count=9)
    assert (
        analytics_import(records=[AnalyticsRecord(score.pk, view_count=5, download_count=2)])[0][0]
        == "updated"
    )
    counters = ScoreAnalytics.objects.get()
    assert (counters.view_count, counters.download_count) == (9, 2)
    assert (
        analytics_import(records=[AnalyticsRecord(score.pk, view_count=5, download_count=2)])[0][0]
        == "unchanged"
    )


def test_a_curated_collection_is_created_with_members_and_then_kept():
    a, b = ScoreFactory(), ScoreFactory()
    record = CuratedRecord(
        slug="beginners", name="Beginners", score_ids=(b.pk, a.pk), is_featured=True
    )
    assert curated_import(records=[record])[0][0] == "created"
    assert Collection.objects.get().score_ids == [b.pk, a.pk]
    assert curated_import(records=[record])[0][0] == "unchanged"
    Collection.objects.update(name="Curated here")
    assert curated_import(records=[record])[0][0] == "kept"


def _collection(**fields) -> UserCollectionRecord:
    return UserCollectionRecord(
        **{
            "user_id": "u1",
            "slug": "general",
            "name": "General",
            "created_at": T0,
            "is_default": True,
            **fields,
        }
    )


def test_an_imported_default_meets_the_users_default():
    ours = UserCollectionFactory(user_id="u1", slug="general", is_default=True)
    assert user_collections_import(records=[_collection()]) == [("unchanged", ours.pk)]
    [(status, other)] = user_collections_import(
        records=[_collection(slug="practice", name="Practice")]
    )
    assert status == "created" and UserCollection.objects.get(pk=other).is_default is False


def test_members_join_at_the_end_once():
    collection = UserCollectionFactory(user_id="u1")
    a, b = ScoreFactory(), ScoreFactory()
    members_import(records=[MemberRecord(collection.pk, a.pk)])
    outcomes = members_import(
        records=[MemberRecord(collection.pk, b.pk), MemberRecord(collection.pk, a.pk)]
    )
    assert [s for s, _ in outcomes] == ["created", "unchanged"]
    collection.refresh_from_db()
    assert collection.score_ids == [a.pk, b.pk]


def test_a_member_of_a_collection_that_is_not_here_fails():
    score = ScoreFactory()
    assert members_import(records=[MemberRecord("nope", score.pk)])[0][0] == "failed"
    assert members_import(records=[MemberRecord("nope", score.pk)], dry_run=True)[0][0] == "created"


@override_settings(SCORES_FAVORITES_MAX=1)
def test_favourites_are_created_once_within_the_limit():
    a, b = ScoreFactory(), ScoreFactory()
    outcomes = favorites_import(
        records=[
            FavoriteRecord("u1", a.pk, T0),
            FavoriteRecord("u1", a.pk, T0),
            FavoriteRecord("u1", b.pk, T0),
        ]
    )
    assert [s for s, _ in outcomes] == ["created", "unchanged", "failed"]
    assert ScoreFavorite.objects.get().created_at == T0


def test_an_import_that_adds_scores_leaves_fresh_planner_statistics():
    scores_import(records=[_score(f"score_{n}", title=f"Estudio {n}") for n in range(3)])
    assert planner_row_count(DB, Score._meta.db_table) == 3
