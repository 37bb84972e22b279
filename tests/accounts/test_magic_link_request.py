from __future__ import annotations

import hashlib
import smtplib

import pytest
from django.core import mail

from accounts.models import LoginToken, User
from tests.accounts.conftest import last_mailed_token
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/auth/request-magic-link"


def test_it_mails_a_link_built_from_the_frontend_url_not_the_origin_header(api_client, settings):
    settings.FRONTEND_URL = "https://app.mirubato.test"
    response = api_client.post(
        URL,
        {"email": "ana@example.com"},
        HTTP_ORIGIN="https://evil.example",
        HTTP_REFERER="https://evil.example/",
    )
    assert response.status_code == 200
    (message,) = mail.outbox
    assert message.to == ["ana@example.com"]
    token = last_mailed_token()
    assert f"https://app.mirubato.test/auth/verify?token={token}" in message.body
    assert "evil" not in message.body
    assert token in message.body.split("code into the app:")[1]


def test_it_stores_only_a_hash_of_the_token_with_a_fifteen_minute_expiry(api_client):
    api_client.post(URL, {"email": "Ana@Example.com "})
    token = last_mailed_token()
    stored = LoginToken.objects.get()
    assert stored.email == "ana@example.com"
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {stored.token_hash, stored.id}
    assert (stored.expires_at - stored.created_at).total_seconds() == pytest.approx(900, abs=2)
    assert stored.used_at is None


def test_it_answers_the_same_for_known_and_unknown_addresses(api_client):
    UserFactory(email="known@example.com")
    known = api_client.post(URL, {"email": "known@example.com"})
    unknown = api_client.post(URL, {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 200
    assert (
        known.json()
        == unknown.json()
        == {
            "message": "If the address can receive mail, a sign-in link is on its way.",
            "expiresIn": 900,
        }
    )
    assert len(mail.outbox) == 2
    assert not User.objects.filter(email="nobody@example.com").exists()


def test_it_rejects_an_invalid_address_and_sends_nothing(api_client):
    response = api_client.post(URL, {"email": "not-an-address"})
    assert response.status_code == 400
    assert "email" in response.json()["error"]["details"]
    assert mail.outbox == []
    assert not LoginToken.objects.exists()


def test_it_throttles_requests_per_address_with_retry_after(api_client):
    for n in range(5):
        response = api_client.post(URL, {"email": "ana@example.com"}, REMOTE_ADDR=f"10.0.0.{n}")
        assert response.status_code == 200
    response = api_client.post(URL, {"email": " ANA@example.com"}, REMOTE_ADDR="10.0.0.99")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert int(response["Retry-After"]) > 0
    assert len(mail.outbox) == 5
    other = api_client.post(URL, {"email": "ben@example.com"}, REMOTE_ADDR="10.0.0.99")
    assert other.status_code == 200


def test_it_throttles_requests_per_client_ip_with_retry_after(api_client):
    for n in range(10):
        response = api_client.post(URL, {"email": f"user{n}@example.com"})
        assert response.status_code == 200
    response = api_client.post(URL, {"email": "user99@example.com"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert LoginToken.objects.count() == 10
    other_ip = api_client.post(URL, {"email": "user99@example.com"}, REMOTE_ADDR="10.9.9.9")
    assert other_ip.status_code == 200


def test_a_mail_server_failure_is_a_503_not_a_500(api_client, monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPConnectError(421, "down")

    monkeypatch.setattr("accounts.services.magic_links.send_mail", refuse)
    response = api_client.post(URL, {"email": "ana@example.com"})
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "service_unavailable"
