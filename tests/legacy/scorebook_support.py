"""Shared pieces of the legacy scorebook tests (tests/legacy/test_scorebook_*.py): stored
files, the original's error body, tokens a browser might still hold."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from accounts.services import tokens_issue
from tests.scores.factories import ScorePageFactory, ScoreVersionFactory

BASE = "/legacy/api"
DATABASES = ["default", "scores"]
PDF = b"%PDF-1.4 stored for the legacy tests"
WEBP = b"RIFF....WEBPVP8 page"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Stored files live under pytest's tmp_path, never under var/."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


def legacy_error(response: Any, status: int) -> str:
    """Assert the original's error body (`{success: false, error: "<text>", code}`) and
    return its message."""
    assert response.status_code == status, response.content
    body = response.json()
    assert body["success"] is False
    assert body["code"] == status
    assert isinstance(body["error"], str) and body["error"]
    return body["error"]


def data_of(response: Any, status: int = 200) -> Any:
    """`response.data.data`, as the client reads it, after checking the success wrapper."""
    assert response.status_code == status, response.content
    body = response.json()
    assert body["success"] is True
    return body.get("data")


def stored_page(score: Any, number: int = 1, content: bytes = WEBP) -> Any:
    page = ScorePageFactory(score=score, page_number=number, mime_type="image/webp")
    default_storage.save(page.image.name, ContentFile(content))
    return page


def stored_pdf(score: Any, content: bytes = PDF) -> Any:
    version = ScoreVersionFactory(score=score, content_type="application/pdf", sha256="feed01")
    default_storage.save(version.file.name, ContentFile(content))
    return version


def stored_thumbnail(score: Any, content: bytes = WEBP) -> None:
    name = default_storage.save(f"scores/{score.id}/thumbnail.webp", ContentFile(content))
    type(score).objects.filter(pk=score.pk).update(thumbnail=name)


def expired_token(settings: Any, user: Any) -> str:
    """A real access token of a live login, already past its expiry."""
    settings.HEADLESS_JWT_ACCESS_TOKEN_EXPIRES_IN = -60
    return tokens_issue(user=user).access_token


def with_token(client: Any, token: str) -> Any:
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client
