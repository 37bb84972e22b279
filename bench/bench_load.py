"""Throughput under load: gunicorn with the production settings (DEBUG off, its default worker
count, throttles on with rates too high to trigger) on this run's databases, driven by
BENCH_LOAD_CLIENTS closed-loop clients (default 50) for BENCH_LOAD_SECONDS each phase
(default 10). The floor is the bare JSON view /livez under the same load.

As deployed (docs/deploy.md), the server's cache is Redis when one answers on
BENCH_REDIS_URL (default redis://127.0.0.1:6379/13, keys under a prefix of this run): the
throttle counters and the catalogue cache are then shared by the workers. Without Redis, or
with BENCH_LOAD_REDIS=0, each worker keeps its own memory and the catalogue cache is off;
the report says which.

The mix is what signed-in musicians do: incremental pulls (30 %), pushes of 10 entries
(10 %), catalogue searches (25 %), dictionary lookups (25 %) and the practice summary (10 %).
The load generator runs in this process on the same machine, so on a small machine it takes
a core from the server: the figures are comparable with each other, not with a real fleet.
"""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import orjson

from bench.harness import Harness, seed_entities, unlimited_throttles
from bench.loadgen import Answer, Call, Outcome, Script, percentile, run_load

CLIENTS = int(os.environ.get("BENCH_LOAD_CLIENTS", "50"))
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "10"))
ROOT = Path(__file__).resolve().parent.parent
MIX = {"pull": 30, "push": 10, "catalogue": 25, "dictionary": 25, "summary": 10}
QUERIES = ["prelude", "etude", "waltz", "nocturne", "sonata", "minuet", "study", "romance"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _seed_scores(count: int) -> None:
    from scores.models import TEXT_SEARCH, Score

    rng = random.Random(15)
    rows = []
    for n in range(count):
        score = Score(
            title=f"{rng.choice(QUERIES).title()} No. {n} (load)",
            composer=rng.choice(["Frédéric Chopin", "Fernando Sor", "Claude Debussy"]),
            instrument=rng.choice(["piano", "guitar", "both"]),
            difficulty=rng.choice(["beginner", "intermediate", "advanced"]),
            difficulty_level=rng.randint(1, 10),
            visibility="public",
        )
        score.refresh_search_keys()  # bulk_create skips save()
        rows.append(score)
    Score.objects.bulk_create(rows, batch_size=1000)
    TEXT_SEARCH.analyze()  # as an import does after a bulk load (and the daily cron)


def _seed_terms(count: int) -> list[str]:
    from dictionary.models import KEY_SEARCH, DictionaryEntry

    terms = [f"loadterm {n}" for n in range(count)]
    rows = []
    for term in terms:
        entry = DictionaryEntry(
            term=term,
            lang="en",
            type="tempo",
            definition={"concise": f"{term}: concise.", "detailed": "Detailed text. " * 10},
            source="seed",
        )
        entry.refresh_keys()  # bulk_create skips save()
        rows.append(entry)
    DictionaryEntry.objects.bulk_create(rows, batch_size=1000)
    KEY_SEARCH.analyze()
    return terms


def _seed_users(count: int, entries: int) -> list[str]:
    from accounts.models import User
    from accounts.services import tokens_issue
    from bench.bench_sync import entry

    tokens = []
    for n in range(count):
        user, _ = User.objects.get_or_create(email=f"bench-load-{n}@example.com")
        seed_entities(user, "logbook_entry", [entry(f"seed{n}-{k}") for k in range(entries)])
        tokens.append(tokens_issue(user=user).access_token)
    return tokens


class Musician(Script):
    def __init__(self, n: int, token: str, terms: list[str]) -> None:
        self.n, self.terms, self.rng = n, terms, random.Random(n)
        self.auth = {"Authorization": f"Bearer {token}"}
        self.cursor, self.pushes = "", 0

    def next_call(self) -> Call:
        kind = self.rng.choices(list(MIX), weights=list(MIX.values()))[0]
        if kind == "pull":
            query = urlencode({"since": self.cursor, "limit": 100})
            return Call("pull", "GET", f"/api/sync/pull?{query}", self.auth)
        if kind == "push":
            self.pushes += 1
            ids = [f"load{self.n}-{self.pushes}-{i}" for i in range(10)]
            body = orjson.dumps({"changes": [_change(entity_id) for entity_id in ids]})
            headers = {**self.auth, "Content-Type": "application/json"}
            return Call("push", "POST", "/api/sync/push", headers, body)
        if kind == "catalogue":
            query = urlencode({"q": self.rng.choice(QUERIES), "instrument": "piano"})
            return Call("catalogue", "GET", f"/api/scores?{query}", self.auth)
        if kind == "dictionary":
            term = quote(self.rng.choice(self.terms))
            return Call("dictionary", "GET", f"/api/dictionary/terms/{term}", self.auth)
        return Call("summary", "GET", "/api/practice/summary", self.auth)

    def answered(self, call: Call, answer: Answer) -> None:
        if call.name == "pull":
            self.cursor = orjson.loads(answer.body)["cursor"]


def _change(entity_id: str) -> dict:
    from bench.bench_sync import entry

    return {"type": "logbook_entry", "id": entity_id, "data": entry(entity_id)}


class Bare(Script):
    def next_call(self) -> Call:
        return Call("livez", "GET", "/livez")


@contextmanager
def serving() -> Iterator[int]:
    """gunicorn as production runs it, on a free loopback port, logging to a file; yields the
    port once /livez answers."""
    port = _free_port()
    env = {**os.environ, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    env.update(unlimited_throttles())
    env.update(_shared_cache())
    with tempfile.NamedTemporaryFile(prefix="mirubato-load-", suffix=".log") as log:
        command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "mirubato.wsgi"]
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_ready(process, port, Path(log.name))
            yield port
        finally:
            process.terminate()
            process.wait(timeout=30)
            _forget(env)


def _shared_cache() -> dict[str, str]:
    """REDIS_URL and a key prefix of this run for the server, when Redis answers."""
    url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
    if os.environ.get("BENCH_LOAD_REDIS", "1") == "0" or not _answers(url):
        return {"REDIS_URL": ""}
    return {"REDIS_URL": url, "CACHE_KEY_PREFIX": f"bench-load-{os.getpid()}"}


def _forget(env: dict[str, str]) -> None:
    """Drop the run's keys from Redis (the cache generations never expire on their own)."""
    if env.get("REDIS_URL"):
        import redis

        client = redis.Redis.from_url(env["REDIS_URL"])
        keys = list(client.scan_iter(match=f"{env['CACHE_KEY_PREFIX']}:*", count=1000))
        if keys:
            client.delete(*keys)
        client.close()


def _answers(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1):
            return True
    except OSError:
        return False


def _wait_ready(process: subprocess.Popen, port: int, log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer /livez in time: {log.read_text()[-2000:]}")


def _describe(h: Harness, label: str, outcome: Outcome) -> None:
    every = outcome.all_latencies()
    errors = outcome.error_count
    h.note(
        f"{label}: {outcome.rate:7.0f} req/s  p50 {percentile(every, 50) * 1e3:6.1f} ms  "
        f"p95 {percentile(every, 95) * 1e3:6.1f} ms  p99 {percentile(every, 99) * 1e3:6.1f} ms  "
        f"({outcome.count} answered, {errors} errors)"
    )


_seeded: tuple[list[str], list[str]] | None = None


def load_data() -> tuple[list[str], list[str]]:
    """(terms, one access token a musician) of the load's data, seeded once a process:
    bench_mix measures the same calls in process on the same data."""
    global _seeded
    if _seeded is None:
        terms = _seed_terms(2000)
        _seed_scores(2000)
        _seeded = terms, _seed_users(CLIENTS, entries=50)
    return _seeded


def run(h: Harness) -> None:
    from django.db import connections

    terms, tokens = load_data()
    connections.close_all()  # SQLite: the server's workers write to these files too

    def musician(n: int) -> Script:
        return Musician(n, tokens[n], terms)

    with serving() as port:
        run_load("127.0.0.1", port, musician, clients=CLIENTS, seconds=2)  # warm the workers
        bare = run_load("127.0.0.1", port, lambda n: Bare(), clients=CLIENTS, seconds=SECONDS)
        mix = run_load("127.0.0.1", port, musician, clients=CLIENTS, seconds=SECONDS)
    h.report(
        f"load: mix at {CLIENTS} clients (s per request)",
        1 / mix.rate,
        1 / bare.rate,
        "bare JSON view /livez, same load",
    )
    h.report(
        f"load: mix p95 latency at {CLIENTS} clients",
        percentile(mix.all_latencies(), 95),
        percentile(bare.all_latencies(), 95),
        "bare view p95",
    )
    redis = _shared_cache()["REDIS_URL"]
    h.note(
        f"server cache: Redis at {redis}, catalogue cache on"
        if redis
        else "server cache: each worker's own memory (no Redis), catalogue cache off"
    )
    _describe(h, "bare", bare)
    _describe(h, "mix ", mix)
    for name in MIX:
        values = mix.latencies.get(name, [])
        h.note(
            f"  {name:<10} {len(values):6d} answered  p50 {percentile(values, 50) * 1e3:6.1f} ms"
            f"  p95 {percentile(values, 95) * 1e3:6.1f} ms  errors {dict(mix.errors.get(name, {}))}"
        )
