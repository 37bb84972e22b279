"""Smoke test: gunicorn with the project's own config serves /health."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, deadline: float) -> tuple[int, dict]:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status, json.load(response)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_gunicorn_serves_health_with_the_project_config(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'default.sqlite3'}",
        "SCORES_DATABASE_URL": f"sqlite:///{tmp_path / 'scores.sqlite3'}",
        "DICTIONARY_DATABASE_URL": f"sqlite:///{tmp_path / 'dictionary.sqlite3'}",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "--config", "gunicorn.conf.py", "mirubato.wsgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        status, body = wait_for(f"http://127.0.0.1:{port}/health", time.monotonic() + 30)
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert status == 200, output
    assert body["status"] == "ok"
    assert "GET /health" in output  # the access log is on
