"""The load mix's calls in process: bench_load's data and musicians, through the Django test
client instead of gunicorn and HTTP, so what each call costs the server is seen without the
load generator sharing the machine. Each kind's median beside the bare view /livez, then the
mean over the mix's weights: under load the mix's throughput cannot pass what that mean
allows (bench/README.md, "Goals and where they stand")."""

from __future__ import annotations

import statistics
import time
from collections import defaultdict

from bench.harness import Harness, timed

MUSICIANS = 10
WARM_CALLS = 300  # caches, parsed logbooks and prepared statements, as a worker has them
CALLS = 3000


def _client_kwargs(headers: dict[str, str]) -> dict[str, str]:
    return {
        f"HTTP_{name.upper().replace('-', '_')}": value
        for name, value in headers.items()
        if name != "Content-Type"
    }


def run(h: Harness) -> None:
    from django.test import Client

    from bench.bench_load import MIX, Musician, load_data
    from bench.loadgen import Answer

    terms, tokens = load_data()
    client = Client()
    # As many as the load seeded, when BENCH_LOAD_CLIENTS is below MUSICIANS.
    musicians = [Musician(n, tokens[n], terms) for n in range(min(MUSICIANS, len(tokens)))]

    def call(musician: Musician) -> tuple[str, float]:
        planned = musician.next_call()
        kwargs = _client_kwargs(planned.headers)
        started = time.perf_counter()
        if planned.method == "GET":
            response = client.get(planned.path, **kwargs)
        else:
            body, kind = planned.body, "application/json"
            response = client.generic(planned.method, planned.path, body, kind, **kwargs)
        seconds = time.perf_counter() - started
        assert response.status_code == 200, (planned.name, response.content[:300])
        musician.answered(planned, Answer(response.status_code, response.content, seconds))
        return planned.name, seconds

    for n in range(WARM_CALLS):
        call(musicians[n % len(musicians)])
    times: dict[str, list[float]] = defaultdict(list)
    for n in range(CALLS):
        name, seconds = call(musicians[n % len(musicians)])
        times[name].append(seconds)
    floor, label = timed(lambda: client.get("/livez"), repeat=5, number=200), "bare view /livez"
    for name in MIX:
        h.report(f"mix in process: {name}", statistics.median(times[name]), floor, label)
    weighted = sum(weight * statistics.mean(times[name]) for name, weight in MIX.items())
    h.report("mix in process, weighted mean", weighted / sum(MIX.values()), floor, label)
    h.note(f"{CALLS} calls after {WARM_CALLS} to warm up, {len(musicians)} musicians in turn.")
    h.note(_cache_in_use())


def _cache_in_use() -> str:
    """Which cache answered: the process's environment decides (REDIS_URL, as deployed)."""
    from django.conf import settings

    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    catalogue = "on" if settings.SCORES_CATALOGUE_CACHE_SECONDS > 0 else "off"
    return f"cache: {backend}, catalogue cache {catalogue}"
