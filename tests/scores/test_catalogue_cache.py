"""The catalogue cache (scores/caching.py): a repeated page read makes no page query, every
kind of write drops every page, and no viewer reads an entry made for another."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.db import connections
from django.test.utils import CaptureQueriesContext

from scores import caching
from scores.models import Score
from tests.accounts.factories import UserFactory
from tests.mirubato.deployment import ROOT
from tests.scores.factories import ScoreAnalyticsFactory, ScoreFactory

SETTING = "SCORES_CATALOGUE_CACHE_SECONDS"
pytestmark = pytest.mark.django_db(databases=["default", "scores"])


def ids(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [item["id"] for item in response.json()["items"]]


def scores_queries(client, params=None) -> tuple[list[str], int]:
    """The ids a GET /api/scores lists, and how many queries it sent to the scores database."""
    with CaptureQueriesContext(connections["scores"]) as queries:
        listed = ids(client.get("/api/scores", params or {}))
    return listed, len(queries)


def test_a_repeated_page_is_answered_without_a_query(api_client):
    ScoreFactory.create_batch(3)
    first, sent = scores_queries(api_client, {"q": "study"})
    again, sent_again = scores_queries(api_client, {"q": "study"})
    assert (len(first), sent > 0) == (3, True)
    assert (again, sent_again) == (first, 0)


def test_other_filters_are_read_afresh(api_client):
    ScoreFactory(difficulty_level=2)
    ScoreFactory(difficulty_level=7)
    scores_queries(api_client, {"minLevel": 1})
    listed, sent = scores_queries(api_client, {"minLevel": 5})
    assert len(listed) == 1 and sent > 0


def test_a_saved_score_is_listed_at_once(api_client):
    ScoreFactory()
    scores_queries(api_client)
    added = ScoreFactory()
    listed, _ = scores_queries(api_client)
    assert added.id in listed and len(listed) == 2


def test_a_queryset_update_drops_the_cached_pages(api_client):
    hidden = ScoreFactory()
    scores_queries(api_client)
    Score.objects.filter(pk=hidden.pk).update(visibility="private")
    assert scores_queries(api_client)[0] == []


def test_a_bulk_create_drops_the_cached_pages(api_client):
    scores_queries(api_client)
    Score.objects.bulk_create([Score(title="Lágrima", composer="Tárrega", visibility="public")])
    assert len(scores_queries(api_client)[0]) == 1


def test_a_bulk_update_drops_the_cached_pages(api_client):
    score = ScoreFactory()
    scores_queries(api_client)
    score.visibility = "private"
    Score.objects.bulk_update([score], ["visibility"])
    assert scores_queries(api_client)[0] == []


def test_a_deleted_score_leaves_the_list_at_once(api_client):
    gone, kept = ScoreFactory(), ScoreFactory()
    scores_queries(api_client)
    gone.delete()
    assert scores_queries(api_client)[0] == [kept.id]


def test_a_queryset_delete_drops_the_cached_pages(api_client):
    ScoreFactory()
    scores_queries(api_client)
    Score.objects.all().delete()
    assert scores_queries(api_client)[0] == []


def test_a_page_read_before_a_commit_is_dropped_by_the_commit(
    api_client, django_capture_on_commit_callbacks
):
    """A reader between the write and its commit may cache the rows as they were; the bump
    the commit makes drops that entry too."""
    ScoreFactory()
    with django_capture_on_commit_callbacks(using="scores") as callbacks:
        ScoreFactory()
        scores_queries(api_client)  # cached inside the window
    for callback in callbacks:
        callback()
    assert scores_queries(api_client)[1] > 0


def test_an_evicted_generation_never_revives_old_pages(api_client):
    ScoreFactory()
    scores_queries(api_client)
    cache.delete(caching.GENERATION.key)
    assert scores_queries(api_client)[1] > 0


def test_a_musician_without_scores_shares_the_visitors_page(api_client, make_auth_client):
    ScoreFactory.create_batch(2)
    scores_queries(api_client)
    listed, sent = scores_queries(make_auth_client(UserFactory()))
    # One query: whether this musician owns a score. The page itself came from the cache.
    assert (len(listed), sent) == (2, 1)


def test_an_owner_reads_their_own_private_score_and_visitors_do_not(api_client, make_auth_client):
    owner = UserFactory()
    public = ScoreFactory()
    private = ScoreFactory(user_id=str(owner.pk), visibility="private")
    owner_client = make_auth_client(owner)
    owner_items = owner_client.get("/api/scores").json()["items"]
    assert {item["id"]: item["isOwner"] for item in owner_items} == {
        public.id: False,
        private.id: True,
    }
    assert scores_queries(api_client)[0] == [public.id]
    assert scores_queries(make_auth_client(UserFactory()))[0] == [public.id]
    assert sorted(scores_queries(owner_client)[0]) == sorted([public.id, private.id])


def test_a_visitor_never_reads_the_page_cached_for_staff(api_client, make_auth_client):
    public = ScoreFactory()
    ScoreFactory(user_id="someone", visibility="private")
    staff_listed = scores_queries(make_auth_client(UserFactory(is_staff=True)))[0]
    assert len(staff_listed) == 2
    assert scores_queries(api_client)[0] == [public.id]


def test_a_first_upload_moves_a_musician_off_the_shared_page(api_client, make_auth_client):
    musician = UserFactory()
    client = make_auth_client(musician)
    public = ScoreFactory()
    assert scores_queries(client)[0] == [public.id]
    own = ScoreFactory(user_id=str(musician.pk), visibility="private")
    assert sorted(scores_queries(client)[0]) == sorted([public.id, own.id])
    assert scores_queries(api_client)[0] == [public.id]


def test_popularity_order_is_read_afresh(api_client):
    less, more = ScoreFactory(), ScoreFactory()
    ScoreAnalyticsFactory(score=less, view_count=5)
    ScoreAnalyticsFactory(score=more, view_count=1)
    assert scores_queries(api_client, {"ordering": "-popularity"})[0] == [less.id, more.id]
    api_client.get(f"/api/scores/{more.id}")  # counters move without a write to scores
    more.analytics.view_count = 9
    more.analytics.save()
    assert scores_queries(api_client, {"ordering": "-popularity"})[0] == [more.id, less.id]


def test_with_the_cache_off_every_read_queries(api_client, settings):
    settings.SCORES_CATALOGUE_CACHE_SECONDS = 0
    ScoreFactory()
    scores_queries(api_client)
    assert scores_queries(api_client)[1] > 0


def _default_seconds(**env: str) -> int:
    """SCORES_CATALOGUE_CACHE_SECONDS as a fresh process reads it, unset, beside `env`."""
    environ = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", SETTING)}
    read = f"from mirubato import settings; print(settings.{SETTING})"
    done = subprocess.run(
        [sys.executable, "-c", read],
        cwd=ROOT,
        env={**environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def test_the_cache_is_off_by_default_with_per_process_memory():
    """One worker could not tell the others that a score changed (mirubato/settings.py)."""
    assert _default_seconds() == 0


def test_the_cache_is_on_by_default_with_redis():
    assert _default_seconds(REDIS_URL="redis://127.0.0.1:6379/0") == 60
