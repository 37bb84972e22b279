"""A catalogue `score_...` id must name a score the caller can see; free ids always pass."""

from __future__ import annotations

import pytest

from repertoire.models import Goal, ScoreAnnotation, UserRepertoire
from tests.repertoire.factories import RepertoireFactory
from tests.scores.factories import ScoreFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores"])


def test_a_public_catalogue_score_can_be_added(auth_client):
    score = ScoreFactory()
    response = auth_client.post("/api/repertoire", {"scoreId": f"  {score.id} "})
    assert response.status_code == 201 and response.json()["scoreId"] == score.id


def test_an_unknown_catalogue_id_is_a_404_and_nothing_is_stored(auth_client):
    response = auth_client.post("/api/repertoire", {"scoreId": "score_doesnotexist"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "score_not_found"
    assert not UserRepertoire.objects.exists()


def test_another_users_private_score_is_a_404_like_a_missing_one(auth_client):
    score = ScoreFactory(user_id=RepertoireFactory().user_id, visibility="private")
    assert auth_client.post("/api/repertoire", {"scoreId": score.id}).status_code == 404
    annotation = {
        "scoreId": score.id,
        "pageNumber": 1,
        "annotationType": "text",
        "annotationData": {},
    }
    assert auth_client.post("/api/annotations", annotation).status_code == 404
    goal = {"title": "G", "type": "repertoire", "scoreId": score.id}
    assert auth_client.post("/api/goals", goal).status_code == 404
    assert not (
        UserRepertoire.objects.filter(user=auth_client.user).exists()
        or ScoreAnnotation.objects.exists()
        or Goal.objects.exists()
    )


def test_the_callers_own_private_upload_can_be_added(auth_client):
    score = ScoreFactory(user_id=auth_client.user.pk, visibility="private")
    assert auth_client.post("/api/repertoire", {"scoreId": score.id}).status_code == 201
