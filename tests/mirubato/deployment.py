"""A small real deployment for end-to-end tests: throwaway databases (PostgreSQL databases made
and dropped as bench/harness.py does, or SQLite files), the environment a web host or a cron
host runs with, `manage.py` run in a host's own folder, and gunicorn hosts (the ASGI realtime
worker) on loopback, each with its own working folder and MEDIA_ROOT."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import connections

from tests.s3 import aws_env, free_port

ROOT = Path(__file__).resolve().parents[2]
PYTHON = Path(sys.executable)
WORKER = "sync.realtime.worker.RealtimeUvicornWorker"
ALIASES = ("default", "scores", "dictionary")
URL_VARS = {
    "default": "DATABASE_URL",
    "scores": "SCORES_DATABASE_URL",
    "dictionary": "DICTIONARY_DATABASE_URL",
}
# What a host must not inherit from the test run: it gets its own databases, cache and store.
OWN = {*URL_VARS.values(), "REDIS_URL", "REALTIME_REDIS_URL", "STORAGE_URL", "MEDIA_ROOT"}


def on_postgresql() -> bool:
    return connections["default"].vendor == "postgresql"


def pg_server_url() -> str:
    """The PostgreSQL server the test run itself uses (scripts/test-postgres.sh's PG_URL)."""
    config = connections["default"].settings_dict
    auth = config["USER"] + (f":{config['PASSWORD']}" if config["PASSWORD"] else "")
    return f"postgres://{auth}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}"


@contextlib.contextmanager
def pg_databases(prefix: str) -> Iterator[dict[str, str]]:
    """Three empty databases on the run's server, dropped afterwards; yields their URLs."""
    import psycopg

    server, run_id = pg_server_url(), f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    names = {alias: f"{run_id}_{alias}" for alias in ALIASES}
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        for name in names.values():
            conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {URL_VARS[alias]: f"{server}/{name}" for alias, name in names.items()}
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            for name in names.values():
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sqlite_databases(folder: Path) -> dict[str, str]:
    return {URL_VARS[alias]: f"sqlite:///{folder / f'{alias}.sqlite3'}" for alias in ALIASES}


def host_env(databases: dict[str, str], **extra: str) -> dict[str, str]:
    """The environment of one host: the test's own environment without the run's databases,
    cache and store, AWS sandboxed to loopback (tests/s3.py), then `databases` and `extra`."""
    env = aws_env({k: v for k, v in os.environ.items() if k not in OWN})
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "mirubato.settings",
        "PYTHONPATH": str(ROOT),
        "LOG_LEVEL": "WARNING",
        **databases,
        **extra,
    }


def manage(env: dict[str, str], *args: str, cwd: Path = ROOT, timeout: int = 180) -> str:
    result = subprocess.run(
        [str(PYTHON), str(ROOT / "manage.py"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def shell(env: dict[str, str], code: str, *, cwd: Path = ROOT) -> object:
    """Runs `code` in `manage.py shell`; its last printed line is read back as JSON."""
    return json.loads(manage(env, "shell", "-c", code, cwd=cwd).strip().splitlines()[-1])


MIGRATE_ALL = (
    "from django.core.management import call_command\n"
    "for alias in ('default', 'scores', 'dictionary'):\n"
    "    call_command('migrate', database=alias, interactive=False, verbosity=0)\n"
    "print('[]')"
)


def migrate(env: dict[str, str]) -> None:
    """Migrations once, for the three aliases, from any one host (docs/deploy.md)."""
    shell(env, MIGRATE_ALL)


def sign_in(env: dict[str, str], emails: list[str]) -> list[str]:
    """A real access token per address (an address named twice: two logins, two devices)."""
    code = (
        "import json; from accounts.models import User; from accounts.services import tokens_issue;"
        f"print(json.dumps([tokens_issue(user=User.objects.get_or_create(email=e)[0])"
        f".access_token for e in {emails!r}]))"
    )
    return shell(env, code)


@dataclass
class Host:
    name: str
    folder: Path
    env: dict[str, str]
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def media(self) -> Path:
        return self.folder / "media"

    def manage(self, *args: str) -> str:
        return manage(self.env, *args, cwd=self.folder)

    def popen_manage(self, *args: str) -> subprocess.Popen:
        command = [str(PYTHON), str(ROOT / "manage.py"), *args]
        return subprocess.Popen(
            command, cwd=self.folder, env=self.env, stdout=subprocess.PIPE, text=True
        )


def make_host(name: str, parent: Path, env: dict[str, str]) -> Host:
    folder = parent / name
    folder.mkdir()
    return Host(name, folder, {**env, "MEDIA_ROOT": str(folder / "media")})


@contextlib.contextmanager
def serving(*hosts: Host) -> Iterator[None]:
    """gunicorn (the project's config, one realtime ASGI worker) for each host, started
    together, each in its own folder; stopped afterwards."""
    processes = []
    try:
        for host in hosts:
            host.port = free_port()
            env = {**host.env, "PORT": str(host.port), "WEB_CONCURRENCY": "1"}
            env["GUNICORN_WORKER_CLASS"] = WORKER
            command = [
                str(PYTHON.with_name("gunicorn")),
                "--config",
                str(ROOT / "gunicorn.conf.py"),
                "mirubato.asgi:application",
            ]
            log = (host.folder / "gunicorn.log").open("wb")
            processes.append(
                subprocess.Popen(command, cwd=host.folder, env=env, stdout=log, stderr=log)
            )
        for host, process in zip(hosts, processes, strict=True):
            _wait_until_up(host, process, time.monotonic() + 60)
        yield
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_up(host: Host, process: subprocess.Popen, deadline: float) -> None:
    while True:
        try:
            with urllib.request.urlopen(f"{host.url}/livez", timeout=2):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log = (host.folder / "gunicorn.log").read_text()
                raise AssertionError(f"host {host.name} did not start:\n{log}") from None
            time.sleep(0.2)
