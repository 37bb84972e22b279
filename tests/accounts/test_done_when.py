"""The issue's "Done when": a new user signs in by magic link from a mail file written by the
file backend (EMAIL_URL=filemail://...), refreshes, signs out, exports and deletes their
account, through the API alone."""

from __future__ import annotations

import environ
import orjson
import pytest

from accounts.models import User
from tests.accounts.conftest import bearer, token_from_text

pytestmark = pytest.mark.django_db(databases=["default", "scores", "dictionary"])


@pytest.fixture
def file_mail(settings, tmp_path):
    """Mail settings exactly as EMAIL_URL=filemail:///<absolute path> gives them (django-environ
    keeps the leading slash only with the fourth one)."""
    config = environ.Env.email_url_config(f"filemail:///{tmp_path}")
    assert config["EMAIL_FILE_PATH"] == str(tmp_path)
    settings.EMAIL_BACKEND = config["EMAIL_BACKEND"]
    settings.EMAIL_FILE_PATH = config["EMAIL_FILE_PATH"]
    return tmp_path


def _sign_in_from_mail_file(client, folder, email: str) -> dict:
    before = set(folder.iterdir())
    assert client.post("/api/auth/request-magic-link", {"email": email}).status_code == 200
    (mail_file,) = set(folder.iterdir()) - before
    token = token_from_text(mail_file.read_text())
    response = client.post("/api/auth/verify-magic-link", {"token": token})
    assert response.status_code == 200
    return response.json()


def test_a_new_user_goes_from_first_sign_in_to_deletion_through_the_api(api_client, file_mail):
    signed_in = _sign_in_from_mail_file(api_client, file_mail, "newcomer@example.com")
    assert signed_in["user"]["email"] == "newcomer@example.com"

    refreshed = api_client.post("/api/auth/refresh", {"refreshToken": signed_in["refreshToken"]})
    assert refreshed.status_code == 200
    tokens = refreshed.json()
    export = api_client.get("/api/user/me/export", **bearer(tokens["accessToken"]))
    document = orjson.loads(b"".join(export.streaming_content))
    assert document["parts"]["accounts"]["profile"][0]["email"] == "newcomer@example.com"

    assert api_client.post("/api/auth/logout", **bearer(tokens["accessToken"])).status_code == 204
    again = api_client.post("/api/auth/refresh", {"refreshToken": tokens["refreshToken"]})
    assert again.status_code == 401

    second = _sign_in_from_mail_file(api_client, file_mail, "newcomer@example.com")
    assert second["user"]["id"] == signed_in["user"]["id"]
    deleted = api_client.delete("/api/user/me", **bearer(second["accessToken"]))
    assert deleted.status_code == 204
    assert not User.objects.filter(email="newcomer@example.com").exists()
    assert api_client.get("/api/user/me", **bearer(second["accessToken"])).status_code == 401
