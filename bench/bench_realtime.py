"""Real-time sync on a real server (gunicorn + one uvicorn worker, loopback only):

- fan-out: a REST push until all of 100 open sockets of its user have the CHANGES frame,
  beside the same push with no socket open (the floor: what the push costs by itself);
- idle sockets: how many signed-in, silent sockets one worker holds (bounded by
  BENCH_REALTIME_SOCKETS, default 2000), its memory per socket, and a PING round trip with
  all of them open beside one with a single socket open.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import statistics
import sys
import time
import urllib.request
from pathlib import Path

from bench.harness import Harness

FANOUT_SOCKETS = 100
IDLE_SOCKETS = int(os.environ.get("BENCH_REALTIME_SOCKETS", "2000"))
ROUNDS = 7
ROOT = Path(__file__).resolve().parents[1]


def run(h: Harness) -> None:
    from accounts.models import User
    from accounts.services import tokens_issue

    user, _ = User.objects.get_or_create(email="bench-realtime@example.com")
    token = tokens_issue(user=user).access_token
    with _server() as (port, worker_pid):
        asyncio.run(_fanout(h, port, token))
        asyncio.run(_idle(h, port, token, worker_pid))


@contextlib.contextmanager
def _server():
    import socket
    import subprocess

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        **os.environ,
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "GUNICORN_WORKER_CLASS": "sync.realtime.worker.RealtimeUvicornWorker",
        "REALTIME_MAX_CONNECTIONS_PER_USER": str(IDLE_SOCKETS + FANOUT_SOCKETS),
        "REALTIME_ALLOWED_ORIGINS": "127.0.0.1",
        "THROTTLE_SYNC": "100000/min",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)  # one process: the in-memory layer, as `make run` without Redis
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "--config", "gunicorn.conf.py", "mirubato.asgi:application"]
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait_up(port)
        yield port, _worker_pid(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_up(port: int) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _worker_pid(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(children[0])


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def _open(port: int, token: str):
    from websockets.asyncio.client import connect

    ws = await connect(
        f"ws://127.0.0.1:{port}/ws/sync", origin="http://127.0.0.1", proxy=None, max_queue=None
    )
    await ws.send(json.dumps({"type": "AUTH", "token": token}))
    reply = json.loads(await ws.recv())
    assert reply["type"] == "AUTH_OK", reply
    return ws


def _push(port: int, token: str, entity_id: str) -> None:
    body = {"changes": [{"type": "goal", "id": entity_id, "data": {"title": entity_id}}]}
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/sync/push",
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200


async def _timed_push(port: int, token: str, entity_id: str, sockets: list) -> float:
    start = time.perf_counter()
    pushed = asyncio.to_thread(_push, port, token, entity_id)
    received = [asyncio.wait_for(ws.recv(), 30) for ws in sockets]
    await asyncio.gather(pushed, *received)
    return time.perf_counter() - start


async def _fanout(h: Harness, port: int, token: str) -> None:
    floor = statistics.median(
        [await _timed_push(port, token, f"floor-{i}", []) for i in range(ROUNDS)]
    )
    sockets = await asyncio.gather(*(_open(port, token) for _ in range(FANOUT_SOCKETS)))
    try:
        figure = statistics.median(
            [await _timed_push(port, token, f"fan-{i}", sockets) for i in range(ROUNDS)]
        )
    finally:
        await asyncio.gather(*(ws.close() for ws in sockets))
    h.report(
        f"REST push -> CHANGES on {FANOUT_SOCKETS} sockets", figure, floor, "REST push, no socket"
    )


async def _ping(ws) -> float:
    start = time.perf_counter()
    await ws.send('{"type": "PING"}')
    assert json.loads(await asyncio.wait_for(ws.recv(), 30))["type"] == "PONG"
    return time.perf_counter() - start


async def _idle(h: Harness, port: int, token: str, worker_pid: int) -> None:
    probe = await _open(port, token)
    floor = statistics.median([await _ping(probe) for _ in range(50)])
    rss_before = _rss_kb(worker_pid)
    sockets, deadline = [], time.monotonic() + 120
    try:
        while len(sockets) < IDLE_SOCKETS and time.monotonic() < deadline:
            batch = min(100, IDLE_SOCKETS - len(sockets))
            sockets += await asyncio.gather(*(_open(port, token) for _ in range(batch)))
        rss_after = _rss_kb(worker_pid)
        figure = statistics.median([await _ping(probe) for _ in range(50)])
        h.report(f"PING with {len(sockets)} idle sockets open", figure, floor, "PING, 1 socket")
        per_socket = (rss_after - rss_before) / max(len(sockets), 1)
        h.note(
            f"one worker held {len(sockets)} idle signed-in sockets (bound {IDLE_SOCKETS}); "
            f"worker RSS {rss_before // 1024} -> {rss_after // 1024} MB, "
            f"~{per_socket:.0f} KB per socket"
        )
    finally:
        await asyncio.gather(*(ws.close() for ws in [probe, *sockets]), return_exceptions=True)
