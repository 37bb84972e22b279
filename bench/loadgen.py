"""A closed-loop HTTP/1.1 load generator on asyncio (standard library only, loopback only).

Each of N clients sends its next request as soon as its last one is answered, for a fixed
time, so the server always has N requests in flight; latency is measured from connect to the
last body byte. One connection per request: gunicorn's sync workers close every connection
after answering, as they do behind a proxy in production.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Call:
    name: str
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass
class Answer:
    status: int
    body: bytes
    seconds: float


class Script:
    """One client's requests: `next_call` names what it sends, `answered` sees each answer
    (a client that pulls keeps its cursor there)."""

    def next_call(self) -> Call:
        raise NotImplementedError

    def answered(self, call: Call, answer: Answer) -> None:
        return None


@dataclass
class Outcome:
    seconds: float
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    # name -> {status: count} of failed calls (status 0: the connection failed)
    errors: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.latencies.values())

    @property
    def rate(self) -> float:
        return self.count / self.seconds

    @property
    def error_count(self) -> int:
        return sum(sum(c.values()) for c in self.errors.values())

    def all_latencies(self) -> list[float]:
        return [s for values in self.latencies.values() for s in values]


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(pct) - 1]


def _request_bytes(host: str, port: int, call: Call) -> bytes:
    lines = [f"{call.method} {call.path} HTTP/1.1", f"Host: {host}:{port}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in call.headers.items()]
    if call.body or call.method in ("POST", "PUT", "PATCH"):
        lines.append(f"Content-Length: {len(call.body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + call.body


async def _send(host: str, port: int, call: Call) -> Answer:
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(_request_bytes(host, port, call))
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = None
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        body = await (reader.readexactly(length) if length is not None else reader.read())
    finally:
        writer.close()
    return Answer(status, body, time.perf_counter() - started)


async def _client(host, port, script: Script, deadline: float, outcome: Outcome) -> None:
    while time.perf_counter() < deadline:
        call = script.next_call()
        try:
            answer = await _send(host, port, call)
        except (OSError, asyncio.IncompleteReadError, ValueError):
            outcome.errors[call.name][0] += 1
            continue
        if answer.status >= 400:
            outcome.errors[call.name][answer.status] += 1
            continue
        outcome.latencies[call.name].append(answer.seconds)
        script.answered(call, answer)


async def _load(host, port, scripts: list[Script], seconds: float) -> Outcome:
    started = time.perf_counter()
    outcome = Outcome(seconds=seconds)
    deadline = started + seconds
    await asyncio.gather(*(_client(host, port, s, deadline, outcome) for s in scripts))
    outcome.seconds = time.perf_counter() - started
    return outcome


def run_load(
    host: str, port: int, make_script: Callable[[int], Script], *, clients: int, seconds: float
) -> Outcome:
    """Runs `clients` scripts (`make_script(n)`) against host:port for `seconds`."""
    scripts = [make_script(n) for n in range(clients)]
    return asyncio.run(_load(host, port, scripts, seconds))
