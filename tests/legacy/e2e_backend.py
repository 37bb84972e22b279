"""The backend the end-to-end web-client test talks to: gunicorn with the realtime (ASGI)
worker on loopback, on databases of its own, seeded the way an operator would (migrate, the
dictionary's seed terms, a public score with two rendered pages), with mail to a folder.

It listens on 127.0.0.1:8787 because the unchanged client opens its WebSocket at
`ws://sync-mirubato.localhost:8787/sync/ws` whenever the page is served from localhost: a URL
compiled into the client that no setting changes (docs/web-client.md).
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.sync.realtime_server import PYTHON, ROOT, WORKER, manage, server_env

PORT = 8787  # fixed by the client's WebSocket URL
ALIASES = (
    ("default", "DATABASE_URL"),
    ("scores", "SCORES_DATABASE_URL"),
    ("dictionary", "DICTIONARY_DATABASE_URL"),
)
API = f"http://localhost:{PORT}/legacy"
SCORE_TITLE = "Prelude in C Major"

# A public catalogue score with two image pages, uploaded through the scorebook's own service
# (content checks, storage) and rendered by `process_scores`, as an upload would be.
_SEED_SCORE = f"""
import io
from PIL import Image, ImageDraw
from accounts.models import User
from scores.services.uploads import check_images, score_upload

def page(n):
    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).text((40, 40), "Page " + str(n), fill="black")
    out = io.BytesIO()
    image.save(out, "PNG")
    out.seek(0)
    out.name = "page-" + str(n) + ".png"
    return out

curator, _ = User.objects.get_or_create(email="curator@example.com")
files = check_images([page(1), page(2)])
score_upload(
    user_id=curator.pk,
    fields={{"title": "{SCORE_TITLE}", "composer": "J.S. Bach", "visibility": "public"}},
    files=files,
)
"""


@dataclass(frozen=True)
class Backend:
    api: str
    mail_dir: Path
    env: dict[str, str]

    def magic_link(self, email: str, *, after: float) -> str:
        """The sign-in link of the newest mail to `email` written after `after` (epoch s)."""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            mails = sorted(
                (p for p in self.mail_dir.glob("*.log") if p.stat().st_mtime >= after),
                key=lambda p: p.stat().st_mtime,
            )
            for mail in reversed(mails):
                text = mail.read_text()
                if f"To: {email}" in text:
                    return re.search(r"http\S+/auth/verify\?token=\S+", text).group(0)
            time.sleep(0.2)
        raise AssertionError(f"no sign-in mail to {email} in {self.mail_dir}")


def _port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        # As the server will bind: a socket of the previous run in TIME_WAIT is no obstacle.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _wait_until_up(process: subprocess.Popen, deadline: float) -> None:
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/readyz", timeout=2):
                return
        except OSError:
            if process.poll() is not None:
                raise AssertionError(process.stdout.read().decode()) from None
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@contextlib.contextmanager
def _databases(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The backend's three databases: PostgreSQL ones of its own when the suite runs on
    PostgreSQL (created here, dropped after), else SQLite files in `tmp_path`."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield {var: f"sqlite:///{tmp_path / f'{alias}.sqlite3'}" for alias, var in ALIASES}
        return
    import psycopg

    server = url.rsplit("/", 1)[0]
    names = {alias: f"e2e_{os.getpid()}_{alias}" for alias, _ in ALIASES}
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        for name in names.values():
            conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {var: f"{server}/{names[alias]}" for alias, var in ALIASES}
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            for name in names.values():
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _seed(env: dict[str, str]) -> None:
    for alias in ("default", "scores", "dictionary"):
        manage(env, "migrate", "--noinput", f"--database={alias}", "--verbosity=0")
    manage(env, "seed_dictionary")
    manage(env, "shell", "-c", _SEED_SCORE)
    manage(env, "process_scores")


@contextlib.contextmanager
def backend(tmp_path: Path, *, spa_origin: str) -> Iterator[Backend]:
    """A seeded backend on 127.0.0.1:8787 that accepts the SPA at `spa_origin`."""
    if not _port_is_free(PORT):
        raise AssertionError(
            f"port {PORT} is taken: the web client's WebSocket URL needs the backend there"
        )
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    with _databases(tmp_path) as databases:
        yield from _serve(tmp_path, spa_origin=spa_origin, mail_dir=mail_dir, databases=databases)


def _serve(
    tmp_path: Path, *, spa_origin: str, mail_dir: Path, databases: dict[str, str]
) -> Iterator[Backend]:
    env = server_env(
        tmp_path,
        **databases,
        EMAIL_URL=f"filemail:///{mail_dir}",
        FRONTEND_URL=spa_origin,
        CORS_ALLOWED_ORIGINS=spa_origin,
        ALLOWED_HOSTS="localhost,127.0.0.1,sync-mirubato.localhost",
        MEDIA_ROOT=str(tmp_path / "media"),
        # The client never refreshes its access token (docs/web-client.md); a test run must
        # not outlive it, nor meet the per-address magic-link throttle (two devices sign in).
        ACCESS_TOKEN_MINUTES="120",
        THROTTLE_MAGIC_LINK_EMAIL="100/hour",
    )
    _seed(env)
    gunicorn = PYTHON.with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "--config", "gunicorn.conf.py", "mirubato.asgi:application"],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{PORT}", "GUNICORN_WORKER_CLASS": WORKER},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_until_up(process, time.monotonic() + 60)
        yield Backend(api=API, mail_dir=mail_dir, env=env)
    finally:
        process.terminate()
        try:
            output = process.communicate(timeout=30)[0].decode(errors="replace")
        except subprocess.TimeoutExpired:
            process.kill()
            output = process.communicate()[0].decode(errors="replace")
        (tmp_path / "backend.log").write_text(output)
