"""Real servers for the end-to-end WebSocket tests: gunicorn + the uvicorn worker on loopback,
on SQLite files of their own (the test's database is not theirs), and a plain WebSocket client."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from websockets.sync.client import ClientConnection, connect

ROOT = Path(__file__).resolve().parents[2]
PYTHON = Path(sys.executable)
WORKER = "sync.realtime.worker.RealtimeUvicornWorker"
ORIGIN = "http://localhost:5173"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "REALTIME_REDIS_URL"}}
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'default.sqlite3'}",
            "SCORES_DATABASE_URL": f"sqlite:///{tmp_path / 'scores.sqlite3'}",
            "DICTIONARY_DATABASE_URL": f"sqlite:///{tmp_path / 'dictionary.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "mirubato.settings",
            "LOG_LEVEL": "WARNING",
            **extra,
        }
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def migrate_and_sign_in(env: dict[str, str], emails: list[str]) -> list[str]:
    """Migrates the servers' database and returns a real access token per entry of `emails`
    (an email named twice is one user signed in twice: two devices)."""
    code = (
        "import json; from django.core.management import call_command;"
        "from accounts.models import User; from accounts.services import tokens_issue;"
        "call_command('migrate', database='default', interactive=False, verbosity=0);"
        f"print(json.dumps([tokens_issue(user=User.objects.get_or_create(email=e)[0])"
        f".access_token for e in {emails!r}]))"
    )
    return json.loads(manage(env, "shell", "-c", code).strip().splitlines()[-1])


@contextlib.contextmanager
def asgi_server(env: dict[str, str], *, workers: int = 1) -> Iterator[int]:
    """gunicorn with the project's config and the realtime worker; yields its port."""
    port = free_port()
    server_env = {**env, "PORT": str(port), "WEB_CONCURRENCY": str(workers)}
    server_env["GUNICORN_WORKER_CLASS"] = WORKER
    gunicorn = PYTHON.with_name("gunicorn")
    command = [str(gunicorn), "--config", "gunicorn.conf.py", "mirubato.asgi:application"]
    process = subprocess.Popen(
        command, cwd=ROOT, env=server_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        wait_until_up(port, process, time.monotonic() + 30)
        yield port
    finally:
        process.terminate()
        try:
            process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def wait_until_up(port: int, process: subprocess.Popen, deadline: float) -> None:
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=2):
                return
        except OSError:
            if process.poll() is not None:
                raise AssertionError(process.stdout.read().decode()) from None
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def ws_connect(port: int, **kwargs: Any) -> ClientConnection:
    return connect(
        f"ws://127.0.0.1:{port}/ws/sync",
        origin=ORIGIN,
        proxy=None,
        open_timeout=10,
        close_timeout=5,
        **kwargs,
    )


def ws_send(ws: ClientConnection, message: dict[str, Any]) -> None:
    ws.send(json.dumps(message))


def ws_receive(ws: ClientConnection, timeout: float = 10) -> dict[str, Any]:
    return json.loads(ws.recv(timeout=timeout))


@contextlib.contextmanager
def ws_signed_in(port: int, token: str) -> Iterator[ClientConnection]:
    with ws_connect(port) as ws:
        ws_send(ws, {"type": "AUTH", "token": token})
        reply = ws_receive(ws)
        assert reply["type"] == "AUTH_OK", reply
        yield ws
