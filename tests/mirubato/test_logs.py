"""Structured logs: one JSON object a line, with the request's id, user, route and timings."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client

from mirubato.telemetry.logs import logging_config
from tests.mirubato.logcapture import captured_logs

pytestmark = [
    pytest.mark.django_db(databases=["default", "dictionary"]),
    pytest.mark.urls("tests.mirubato.urls"),
]


def _request_line(captured, request_id: str) -> dict:
    lines = [line for line in captured.of("mirubato.request") if line["request_id"] == request_id]
    assert len(lines) == 1, captured.text()
    return lines[0]


def test_each_request_writes_one_json_line_with_route_status_and_timings(auth_client):
    with captured_logs() as captured:
        auth_client.get("/api/user/me", headers={"X-Request-ID": "req-line"})
    line = _request_line(captured, "req-line")
    assert line["level"] == "INFO"
    assert (line["method"], line["route"], line["path"], line["status"]) == (
        "GET",
        "api/user/me",
        "/api/user/me",
        200,
    )
    assert line["duration_ms"] > 0
    assert line["db_queries"] >= 1
    assert line["db_ms"] >= 0
    assert line["time"].endswith("+00:00")


def test_the_request_line_names_the_signed_in_user(auth_client):
    with captured_logs() as captured:
        auth_client.get("/api/user/me", headers={"X-Request-ID": "req-user"})
    assert _request_line(captured, "req-user")["user_id"] == str(auth_client.user.pk)


def test_an_anonymous_request_line_has_no_user(client):
    with captured_logs() as captured:
        client.get("/livez", headers={"X-Request-ID": "req-anon"})
    assert _request_line(captured, "req-anon")["user_id"] is None


def test_the_route_is_the_template_not_the_path(api_client):
    with captured_logs() as captured:
        api_client.get("/api/dictionary/terms/no-such-term", headers={"X-Request-ID": "req-tpl"})
    line = _request_line(captured, "req-tpl")
    assert (line["path"], line["status"]) == ("/api/dictionary/terms/no-such-term", 404)
    assert "no-such-term" not in line["route"]
    assert line["route"].startswith("api/dictionary/")


def test_what_the_request_logs_carries_its_id_a_500s_traceback_included():
    client = Client(raise_request_exception=False)
    with captured_logs() as captured:
        client.get("/api/test/boom", headers={"X-Request-ID": "req-boom"})
    errors = [line for line in captured.lines() if line["logger"] == "mirubato.api"]
    assert errors and all(line["request_id"] == "req-boom" for line in errors)
    assert "secret internals must not leak" in errors[0]["exception"]
    assert _request_line(captured, "req-boom")["level"] == "ERROR"


def test_every_line_is_one_json_object(client):
    with captured_logs() as captured:
        client.get("/livez")
        logging.getLogger("anything").warning("two\nlines", extra={"count": 3})
    raw = captured.text().splitlines()
    parsed = [json.loads(line) for line in raw]
    assert parsed[-1]["message"] == "two\nlines"
    assert parsed[-1]["count"] == 3


def test_the_text_format_shows_the_request_id_on_one_line(client):
    with captured_logs("text") as captured:
        client.get("/livez", headers={"X-Request-ID": "req-text"})
    (line,) = [line for line in captured.text().splitlines() if "mirubato.request" in line]
    assert "[req-text]" in line
    assert "GET /livez 200" in line


def test_log_format_must_be_json_or_text():
    assert logging_config(fmt="json", level="INFO")["handlers"]["console"]["formatter"] == "json"
    with pytest.raises(ValueError, match="LOG_FORMAT"):
        logging_config(fmt="xml", level="INFO")
