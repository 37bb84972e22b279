"""`/metrics`: protected by a bearer token, and counting what the issue asks for. Every test
scrapes the endpoint for real and reads it with prometheus-client's parser."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import resolve

from tests.mirubato.scrape import TOKEN, scrape, value
from tests.sync.client import change, pull, push
from tests.sync.factories import logbook_data

pytestmark = pytest.mark.django_db(databases=["default", "dictionary"])


@pytest.fixture(autouse=True)
def _token(settings):
    settings.METRICS_TOKEN = TOKEN


def test_a_scrape_without_the_token_is_refused(client):
    response = client.get("/metrics")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_scrape_with_a_wrong_token_is_refused(client):
    response = client.get("/metrics", headers={"Authorization": "Bearer not-the-token"})
    assert response.status_code == 401


def test_without_a_token_configured_production_serves_no_metrics(client, settings):
    settings.METRICS_TOKEN, settings.DEBUG = "", False
    assert client.get("/metrics").status_code == 404


def test_without_a_token_development_serves_loopback_only(client, settings):
    settings.METRICS_TOKEN, settings.DEBUG = "", True
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="10.0.0.7").status_code == 401


def test_requests_are_counted_by_route_template_and_status(client):
    before = scrape(client)
    client.get("/livez")
    client.get("/api/dictionary/terms/no-such-term")
    after = scrape(client)
    livez = {"method": "GET", "route": "livez", "status": "200"}
    template = resolve("/api/dictionary/terms/no-such-term").route
    assert "no-such-term" not in template
    missing = {"method": "GET", "route": template, "status": "404"}
    name = "mirubato_http_requests_total"
    assert value(after, name, **livez) - value(before, name, **livez) == 1
    assert value(after, name, **missing) - value(before, name, **missing) == 1


def test_request_latency_is_a_histogram_by_route_and_status(client):
    before = scrape(client)
    client.get("/livez")
    after = scrape(client)
    labels = {"method": "GET", "route": "livez", "status": "200"}
    name = "mirubato_http_request_duration_seconds_count"
    assert value(after, name, **labels) - value(before, name, **labels) == 1
    assert value(after, "mirubato_http_request_duration_seconds_bucket", le="+Inf", **labels) >= 1


def test_database_queries_are_counted_by_alias_and_per_request(auth_client, client):
    before = scrape(client)
    auth_client.get("/api/user/me")
    after = scrape(client)
    queries = "mirubato_db_queries_total"
    assert value(after, queries, alias="default") > value(before, queries, alias="default")
    per_request = "mirubato_http_request_db_queries_count"
    route = {"route": "api/user/me"}
    assert value(after, per_request, **route) - value(before, per_request, **route) == 1


def test_sync_pushes_and_the_entities_they_wrote_are_counted(auth_client, client):
    before = scrape(client)
    push(auth_client, [change("logbook_entry", "e1", logbook_data("e1"))], key="k1")
    push(auth_client, [change("logbook_entry", "e1", logbook_data("e1"))], key="k1")  # replay
    push(auth_client, [change("logbook_entry", "e1", logbook_data("e1", notes="edited"))])
    after = scrape(client)

    def delta(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    assert delta("mirubato_sync_pushes_total", result="applied") == 2
    assert delta("mirubato_sync_pushes_total", result="replayed") == 1
    assert delta("mirubato_sync_entities_total", status="created") == 1
    assert delta("mirubato_sync_entities_total", status="updated") == 1


def test_sync_pulls_and_what_they_handed_out_are_counted(auth_client, client):
    push(auth_client, [change("goal", "g1", {"title": "Scales"})])
    before = scrape(client)
    cursor = pull(auth_client).json()["cursor"]
    pull(auth_client, cursor)
    after = scrape(client)
    name = "mirubato_sync_pulls_total"
    assert value(after, name, kind="snapshot") - value(before, name, kind="snapshot") == 1
    assert value(after, name, kind="changes") - value(before, name, kind="changes") == 1
    pulled = "mirubato_sync_pulled_changes_total"
    assert value(after, pulled) - value(before, pulled) == 1


def test_cron_runs_show_their_last_outcome_and_duration(client):
    call_command("purge_sync", "--dry-run", stdout=open("/dev/null", "w"))  # noqa: SIM115
    text = scrape(client)
    assert value(text, "mirubato_command_last_run_success", command="purge_sync") == 1
    assert value(text, "mirubato_command_last_run_timestamp_seconds", command="purge_sync") > 0
    assert value(text, "mirubato_command_last_run_duration_seconds", command="purge_sync") >= 0
    assert value(text, "mirubato_command_runs", command="purge_sync", outcome="ok") == 1


def test_a_failed_cron_run_shows_as_not_succeeding(client):
    with pytest.raises(Exception, match="limit"):
        call_command("process_scores", "--limit", "-1")
    text = scrape(client)
    assert value(text, "mirubato_command_last_run_success", command="process_scores") == 0
    assert value(text, "mirubato_command_runs", command="process_scores", outcome="failed") == 1


def test_dictionary_tokens_spent_today_and_the_budget_are_read_from_the_ledger(client, settings):
    from dictionary.pipeline.provider import Completion
    from dictionary.services.pipeline.budget import usage_record

    settings.DICTIONARY_DAILY_TOKEN_BUDGET = 5000
    before = scrape(client)
    completion = Completion(
        content="{}", model="m1", prompt_tokens=120, completion_tokens=30, latency_ms=5
    )
    usage_record(model="m1", completion=completion, success=True)
    after = scrape(client)
    assert value(after, "mirubato_dictionary_ai_tokens_used_today") == 150
    assert value(after, "mirubato_dictionary_ai_token_budget_daily") == 5000
    spent = "mirubato_dictionary_ai_tokens_total"
    labels = {"model": "m1", "kind": "prompt"}
    assert value(after, spent, **labels) - value(before, spent, **labels) == 120
