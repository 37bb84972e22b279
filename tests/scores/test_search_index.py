"""The substring index under catalogue text search: every word must match, edits and deletes
reach it at once, and it holds inside subqueries (where the table is renamed)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connections

from scores.models import DB, TEXT_SEARCH, Score
from scores.selectors.catalogue import CatalogueQuery, catalogue_search
from tests.scores.factories import ScoreFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores"])


def ids(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_the_index_is_installed_by_the_migrations():
    assert TEXT_SEARCH.installed()


def test_every_word_of_the_query_must_match(api_client):
    both = ScoreFactory(title="Lágrima", composer="Francisco Tárrega")
    ScoreFactory(title="Lágrima", composer="Anon")
    assert ids(api_client.get("/api/scores", {"q": "lagrima tarrega"})) == [both.id]


def test_an_edited_title_is_found_by_its_new_words_only(api_client):
    score = ScoreFactory(title="Prelude in C")
    score.title = "Nocturne in E"
    score.save()
    assert ids(api_client.get("/api/scores", {"q": "prelude"})) == []
    assert ids(api_client.get("/api/scores", {"q": "nocturne"})) == [score.id]


def test_a_deleted_score_is_no_longer_found(api_client):
    score = ScoreFactory(title="Gavotte en rondeau")
    Score.objects.using(DB).filter(pk=score.pk).delete()
    assert ids(api_client.get("/api/scores", {"q": "gavotte"})) == []


def test_short_words_still_narrow_the_search(api_client):
    op = ScoreFactory(title="Sonata", opus="Op. 2")
    ScoreFactory(title="Sonata", opus="Op. 7")
    assert ids(api_client.get("/api/scores", {"q": "sonata 2"})) == [op.id]


def test_the_search_holds_inside_a_subquery():
    wanted = ScoreFactory(title="Mazurka")
    ScoreFactory(title="Waltz")
    query = CatalogueQuery(q="mazurka")
    matching = catalogue_search(query=query, user=AnonymousUser()).order_by().values("pk")
    assert list(Score.objects.using(DB).filter(pk__in=matching).values_list("pk", flat=True)) == [
        wanted.pk
    ]


def test_on_sqlite_the_text_search_reads_through_the_index():
    if connections[DB].vendor != "sqlite":
        pytest.skip("PostgreSQL answers the same LIKE from its trigram index, unchanged")
    query = CatalogueQuery(q="mazurka")
    sql = str(catalogue_search(query=query, user=AnonymousUser()).query)
    assert f'"{TEXT_SEARCH.fts_table}" MATCH' in sql
