"""Annotations: a user's marks on a score page, client JSON kept as sent, size-limited."""

from __future__ import annotations

import pytest
from django.test import override_settings

from repertoire.models import ScoreAnnotation
from tests.repertoire.factories import AnnotationFactory

pytestmark = pytest.mark.django_db(databases=["default"])

DRAWING = {"strokeColor": "#f00", "points": [[1, 2], [3, 4]], "nested_key": {"keepMe": True}}


def _create(client, **overrides):
    body = {
        "scoreId": "Moonlight Sonata-Beethoven",
        "pageNumber": 2,
        "annotationType": "drawing",
        "annotationData": DRAWING,
        **overrides,
    }
    return client.post("/api/annotations", body)


def test_it_creates_an_annotation_and_keeps_the_drawing_byte_for_byte(auth_client):
    response = _create(auth_client)
    assert response.status_code == 201
    assert response.json()["annotationData"] == DRAWING
    stored = ScoreAnnotation.objects.get(user=auth_client.user)
    assert stored.annotation_data == DRAWING
    assert (stored.score_id, stored.page_number) == ("moonlight sonata-beethoven", 2)


def test_it_rejects_page_zero_and_an_unknown_type(auth_client):
    assert _create(auth_client, pageNumber=0).status_code == 400
    assert _create(auth_client, annotationType="sticker").status_code == 400
    assert not ScoreAnnotation.objects.exists()


def test_annotation_data_must_be_a_json_object(auth_client):
    response = _create(auth_client, annotationData=[1, 2, 3])
    assert response.status_code == 400
    assert "annotationData" in response.json()["error"]["details"]


@override_settings(ANNOTATION_MAX_BYTES=100)
def test_oversized_annotation_data_is_a_413_giving_the_limit(auth_client):
    response = _create(auth_client, annotationData={"points": list(range(100))})
    assert response.status_code == 413
    assert response.json()["error"]["details"]["limit"] == 100
    assert not ScoreAnnotation.objects.exists()


def test_the_list_filters_by_score_and_page(auth_client):
    AnnotationFactory(user=auth_client.user, score_id="a-b", page_number=1)
    wanted = AnnotationFactory(user=auth_client.user, score_id="a-b", page_number=2)
    AnnotationFactory(user=auth_client.user, score_id="c-d", page_number=2)
    body = auth_client.get("/api/annotations?scoreId=A-B&page=2").json()
    assert [a["id"] for a in body["items"]] == [wanted.id]


def test_the_list_rejects_a_bad_page_filter(auth_client):
    for bad in ("0", "x", "²", "99999999999999999999"):
        assert auth_client.get(f"/api/annotations?page={bad}").status_code == 400


def test_it_updates_the_page_and_data(auth_client):
    annotation = AnnotationFactory(user=auth_client.user)
    response = auth_client.patch(
        f"/api/annotations/{annotation.id}", {"pageNumber": 3, "annotationData": {"a_b": 1}}
    )
    assert response.status_code == 200
    annotation.refresh_from_db()
    assert (annotation.page_number, annotation.annotation_data) == (3, {"a_b": 1})


def test_it_deletes_an_annotation(auth_client):
    annotation = AnnotationFactory(user=auth_client.user)
    assert auth_client.delete(f"/api/annotations/{annotation.id}").status_code == 204
    assert not ScoreAnnotation.objects.exists()


def test_another_users_annotation_is_a_404_and_untouched(auth_client):
    annotation = AnnotationFactory(annotation_data={"secret": 1})
    for method in ("get", "patch", "delete"):
        response = getattr(auth_client, method)(f"/api/annotations/{annotation.id}")
        assert response.status_code == 404
    assert auth_client.get("/api/annotations").json()["total"] == 0
    assert ScoreAnnotation.objects.get().annotation_data == {"secret": 1}


def _nested(levels: int) -> dict:
    data: dict = {"x": 1}
    for _ in range(levels - 1):
        data = {"a": data}
    return data


def test_deeply_nested_annotation_data_is_a_400_and_not_stored(auth_client):
    # 300 levels parse, but no JSON response could encode them (orjson stops at 254).
    response = _create(auth_client, annotationData=_nested(300))
    assert response.status_code == 400
    assert "annotationData" in response.json()["error"]["details"]
    assert not ScoreAnnotation.objects.exists()


def test_an_update_to_deeply_nested_data_is_a_400_and_keeps_the_drawing(auth_client):
    annotation = AnnotationFactory(user=auth_client.user, annotation_data=DRAWING)
    body = {"annotationData": _nested(65)}
    response = auth_client.patch(f"/api/annotations/{annotation.pk}", body, format="json")
    assert response.status_code == 400
    annotation.refresh_from_db()
    assert annotation.annotation_data == DRAWING


def test_annotation_data_nested_64_levels_is_stored_and_listed(auth_client):
    assert _create(auth_client, annotationData=_nested(64)).status_code == 201
    body = auth_client.get("/api/annotations").json()
    assert body["items"][0]["annotationData"] == _nested(64)
