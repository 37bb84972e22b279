"""Autocomplete from the caller's own logbook and the catalogue they can see."""

from __future__ import annotations

import pytest

from tests.accounts.factories import UserFactory
from tests.repertoire.factories import LogbookEntryFactory, entry_data
from tests.scores.factories import ScoreFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores"])


def _log(user, *pieces):
    LogbookEntryFactory(user=user, data=entry_data(at="2025-01-06T10:00:00Z", pieces=list(pieces)))


def _values(response):
    assert response.status_code == 200
    return [r["value"] for r in response.json()["results"]]


def test_composers_are_canonicalised_and_merged_across_logbook_and_catalogue(auth_client):
    _log(
        auth_client.user,
        {"title": "Prelude in C", "composer": "J.S. Bach"},
        {"title": "Invention", "composer": "Bach BWV 772"},
    )
    ScoreFactory(title="Minuet", composer="Johann Sebastian Bach")
    assert _values(auth_client.get("/api/autocomplete/composers?q=bach")) == [
        "Johann Sebastian Bach"
    ]


def test_composer_matching_ignores_accents_and_case(auth_client):
    ScoreFactory(composer="Francisco Tárrega")
    assert _values(auth_client.get("/api/autocomplete/composers?q=TARREGA")) == [
        "Francisco Tárrega"
    ]


def test_a_query_shorter_than_two_letters_gives_no_results(auth_client):
    ScoreFactory(composer="Fernando Sor")
    body = auth_client.get("/api/autocomplete/composers?q=s").json()
    assert body == {"results": [], "total": 0}


def test_other_users_logbooks_and_private_scores_are_never_suggested(auth_client):
    other = UserFactory()
    _log(other, {"title": "Secret Sonata", "composer": "Hidden Composer"})
    ScoreFactory(
        title="Secret Study", composer="Hidden Uploader", user_id=other.pk, visibility="private"
    )
    assert _values(auth_client.get("/api/autocomplete/composers?q=hidden")) == []
    assert _values(auth_client.get("/api/autocomplete/pieces?q=secret")) == []


def test_pieces_come_from_both_sources_filtered_by_composer(auth_client):
    _log(
        auth_client.user,
        {"title": "Study in E minor", "composer": "F. Sor"},
        {"title": "Study in B minor", "composer": "Someone Else"},
    )
    score = ScoreFactory(title="Study in B minor", composer="Fernando Sor", grade_level="Grade 5")
    response = auth_client.get("/api/autocomplete/pieces?q=study&composer=Sor")
    results = response.json()["results"]
    assert [r["value"] for r in results] == ["Study in B minor", "Study in E minor"]
    assert results[0]["metadata"] == {
        "composer": "Fernando Sor",
        "scoreId": score.id,
        "source": "catalogue",
        "gradeLevel": "Grade 5",
        "instrument": "guitar",
    }
    assert results[1]["metadata"]["source"] == "logbook"


def test_the_same_piece_from_logbook_and_catalogue_appears_once(auth_client):
    _log(auth_client.user, {"title": "lagrima", "composer": "Tárrega"})
    ScoreFactory(title="Lágrima", composer="Francisco Tárrega")
    _log(auth_client.user, {"title": "Lágrima", "composer": "Francisco Tárrega"})
    results = auth_client.get("/api/autocomplete/pieces?q=lagr").json()["results"]
    assert [(r["value"], r["metadata"]["source"]) for r in results] == [("Lágrima", "catalogue")]


def test_the_limit_is_honoured_and_total_counts_all_matches(auth_client):
    for n in range(5):
        ScoreFactory(title=f"Etude {n}", composer="Fernando Sor")
    body = auth_client.get("/api/autocomplete/pieces?q=etude&limit=2").json()
    assert len(body["results"]) == 2 and body["total"] == 5
    assert auth_client.get("/api/autocomplete/pieces?q=etude&limit=x").status_code == 400


def test_anonymous_requests_are_refused(api_client):
    assert api_client.get("/api/autocomplete/composers?q=bach").status_code == 401
