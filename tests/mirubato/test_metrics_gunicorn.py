"""A real gunicorn with two workers, the project's config and LOG_FORMAT=json: `/metrics` adds
up every worker's counts (PROMETHEUS_MULTIPROC_DIR), and every line the server writes is one
JSON object, the request lines carrying the ids the proxy sent."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.mirubato.scrape import TOKEN, value
from tests.mirubato.test_gunicorn import ROOT, free_port

REQUESTS = 20
_direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only


def _get(url: str, **headers: str) -> tuple[int, bytes, dict]:
    request = urllib.request.Request(url, headers=headers)
    with _direct.open(request, timeout=10) as response:
        return response.status, response.read(), dict(response.headers)


def _wait(url: str, deadline: float) -> None:
    while True:
        try:
            _get(url)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gunicorn-metrics")
    env = {
        **os.environ,
        "PORT": str(free_port()),
        "WEB_CONCURRENCY": "2",
        "LOG_FORMAT": "json",
        "METRICS_TOKEN": TOKEN,
        "PROMETHEUS_MULTIPROC_DIR": str(folder / "metrics"),
        "DATABASE_URL": f"sqlite:///{folder / 'default.sqlite3'}",
        "SCORES_DATABASE_URL": f"sqlite:///{folder / 'scores.sqlite3'}",
        "DICTIONARY_DATABASE_URL": f"sqlite:///{folder / 'dictionary.sqlite3'}",
    }
    migrating = {k: v for k, v in env.items() if k != "PROMETHEUS_MULTIPROC_DIR"}
    for alias in ("default", "dictionary"):
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", f"--database={alias}", "-v0"],
            cwd=ROOT,
            env=migrating,
            check=True,
            timeout=300,
        )
    log = folder / "server.log"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(gunicorn), "--config", "gunicorn.conf.py", "mirubato.wsgi:application"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{env['PORT']}"
    try:
        _wait(f"{base}/livez", time.monotonic() + 60)
        for n in range(REQUESTS):
            _get(f"{base}/readyz", **{"X-Request-ID": f"gunicorn-{n}", "Connection": "close"})
        status, body, _ = _get(f"{base}/metrics", Authorization=f"Bearer {TOKEN}")
        assert status == 200
        yield {"metrics": body.decode(), "folder": folder / "metrics", "log": log}
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_metrics_scraped_from_gunicorn_add_up_every_workers_counts(server):
    # Only the counted requests asked /readyz (the start-up probe asks /livez).
    labels = {"method": "GET", "route": "readyz", "status": "200"}
    assert value(server["metrics"], "mirubato_http_requests_total", **labels) == REQUESTS
    workers = {path.stem.rsplit("_", 1)[-1] for path in server["folder"].glob("counter_*.db")}
    assert len(workers) == 2, sorted(server["folder"].iterdir())


def test_gunicorn_writes_one_json_object_a_line_with_the_request_ids(server):
    lines = [line for line in server["log"].read_text().splitlines() if line.strip()]
    parsed = [json.loads(line) for line in lines]  # every line, gunicorn's own included
    requests = {line["request_id"]: line for line in parsed if line["logger"] == "mirubato.request"}
    for n in range(REQUESTS):
        line = requests[f"gunicorn-{n}"]
        assert (line["method"], line["route"], line["status"]) == ("GET", "readyz", 200)
        assert line["duration_ms"] >= 0
    assert any(line["logger"] == "gunicorn.error" for line in parsed)
