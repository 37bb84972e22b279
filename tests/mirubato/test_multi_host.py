"""Several app hosts sharing one PostgreSQL, one Redis and one S3 bucket, as docs/deploy.md
lays them out: three gunicorn hosts (the realtime ASGI worker) on loopback, each with its own
working folder and MEDIA_ROOT, and the cron run from two of them at once.

It runs in the PostgreSQL pass of `make test` (scripts/test-postgres.sh), on throwaway
databases of its own; the SQLite pass skips it, saying so. Redis or moto missing: skipped with
the reason, a failure in CI.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass

import pytest
import urllib3

from tests.mirubato.deployment import (
    Host,
    host_env,
    make_host,
    migrate,
    on_postgresql,
    pg_databases,
    serving,
    shell,
    sign_in,
)
from tests.s3 import Bucket
from tests.scores.samples import picture, text_pdf
from tests.sync.realtime_server import ws_receive, ws_signed_in

SKIPPED = (
    "multi-host test NOT run on SQLite: it runs in the PostgreSQL pass (make test, "
    "scripts/test-postgres.sh), where the hosts share one database server"
)
EMAILS = ["owner@example.com", "owner@example.com", "stranger@example.com", "leaver@example.com"]
HTTP = urllib3.PoolManager(retries=False, timeout=urllib3.Timeout(connect=5, read=60))


@dataclass
class Deployment:
    a: Host
    b: Host
    c: Host
    bucket: Bucket
    tokens: dict[str, str]

    @property
    def hosts(self) -> tuple[Host, Host, Host]:
        return self.a, self.b, self.c


@pytest.fixture(scope="module")
def deployment(request, tmp_path_factory):
    if not on_postgresql():
        pytest.skip(SKIPPED)
    redis_url = request.getfixturevalue("redis_url")
    bucket = request.getfixturevalue("s3_server").bucket(versioned=True)
    run = uuid.uuid4().hex[:8]
    folder = tmp_path_factory.mktemp("hosts")
    with pg_databases("hosts") as databases:
        env = host_env(
            databases,
            DEBUG="False",
            SECRET_KEY=f"one-secret-every-host-shares-{uuid.uuid4().hex}",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SECURE_SSL_REDIRECT="False",
            STORAGE_URL=bucket.url(),
            REDIS_URL=redis_url,
            CACHE_KEY_PREFIX=f"hosts-{run}",
            REALTIME_LAYER_PREFIX=f"hosts-{run}:ws",
            THROTTLE_AUTH_REFRESH="4/min",
            DATABASE_POOL_MAX="4",
        )
        hosts = [make_host(name, folder, env) for name in ("a", "b", "c")]
        migrate(hosts[0].env)  # once, from one host, for every host
        names = ("owner", "phone", "stranger", "leaver")
        tokens = dict(zip(names, sign_in(env, EMAILS), strict=True))
        with serving(*hosts):
            yield Deployment(*hosts, bucket=bucket, tokens=tokens)
        for host in hosts:  # every file went to the bucket, none to a host's own disk
            assert not host.media.exists() or not any(host.media.rglob("*")), host.name
    bucket.destroy()


def call(host: Host, method: str, path: str, token: str = "", **kwargs):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return HTTP.request(method, host.url + path, headers=headers, **kwargs)


def upload(host: Host, token: str, fields: list[tuple[str, object]]) -> str:
    response = call(host, "POST", "/api/scores", token, fields=fields)
    assert response.status == 201, response.data
    return response.json()["id"]


def pdf_upload(host: Host, token: str, *pages: str) -> str:
    return upload(host, token, [("file", ("score.pdf", text_pdf(list(pages)), "application/pdf"))])


def stored_keys(
    d: Deployment, score_id: str, token: str, sources: tuple[str, ...] = ("original.pdf",)
) -> dict[str, str]:
    """Bucket key -> the API path serving it (None for sources behind the first), from what
    the API says of the score."""
    [version] = call(d.c, "GET", f"/api/scores/{score_id}/versions", token).json()
    pages = call(d.c, "GET", f"/api/scores/{score_id}/pages", token).json()
    prefix = f"scores/{score_id}/{version['id']}"
    keys = {f"{prefix}/{name}": None for name in sources}
    keys[f"{prefix}/{sources[0]}"] = f"/api/scores/{score_id}/file/{version['id']}"
    for page in pages:
        number = page["pageNumber"]
        keys[f"{prefix}/pages/{number:04d}.webp"] = f"/api/scores/{score_id}/pages/{number}/image"
    keys[f"{prefix}/thumbnail.webp"] = f"/api/scores/{score_id}/thumbnail"
    return keys


def test_an_upload_through_a_is_rendered_by_the_cron_on_b_and_served_by_c(deployment):
    d, owner = deployment, deployment.tokens["owner"]
    score_id = pdf_upload(d.a, owner, "Romance", "Second page", "Coda")
    output = d.b.manage("process_scores")
    assert f"{score_id} pdf: completed" in output and "1 completed, 0 failed" in output
    keys = stored_keys(d, score_id, owner)
    assert len(keys) == 5 and d.bucket.keys(f"scores/{score_id}/") == sorted(keys)
    for key, path in keys.items():
        response = call(d.c, "GET", path, owner)
        assert response.status == 200, path
        assert response.data == d.bucket.read(key)
        assert response.headers["Cache-Control"] == "private, no-cache"
        assert call(d.c, "GET", path).status == 404
        assert call(d.c, "GET", path, d.tokens["stranger"]).status == 404


def test_two_crons_at_once_render_every_page_exactly_once(deployment):
    d, owner = deployment, deployment.tokens["owner"]
    ids = [pdf_upload(d.a, owner, f"Study {n}", "Middle", "End") for n in range(4)]
    pictures = [picture(300, 400, label=str(n)) for n in range(3)]
    ids.append(upload(d.a, owner, [("images", ("p.png", data, "image/png")) for data in pictures]))
    runs = [d.b.popen_manage("process_scores"), d.c.popen_manage("process_scores")]
    outputs = [run.communicate(timeout=300)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    done = [re.findall(r"\] (score_\S+) \w+: completed", output) for output in outputs]
    assert sorted(done[0] + done[1]) == sorted(ids), outputs
    assert not set(done[0]) & set(done[1])
    states = shell(
        d.a.env,
        "import json; from scores.models import ScoreVersion as V;"
        "print(json.dumps(list(V.objects.values_list('processing_status', 'attempts'))))",
    )
    assert states and all(state == ["completed", 1] for state in states)  # each claimed once
    written, deleted = d.bucket.versions()
    assert deleted == [] and set(written.values()) == {1}  # every object was written once
    sources = [("original.pdf",)] * 4 + [tuple(f"source-{n:03d}.png" for n in (1, 2, 3))]
    for score_id, names in zip(ids, sources, strict=True):
        expected = sorted(stored_keys(d, score_id, owner, names))
        assert d.bucket.keys(f"scores/{score_id}/") == expected


def test_a_sync_push_on_a_reaches_a_socket_open_on_b(deployment):
    d = deployment
    with ws_signed_in(d.b.port, d.tokens["phone"]) as phone:
        body = {"changes": [{"type": "goal", "id": "hosts-goal", "data": {"title": "Scales"}}]}
        answer = call(d.a, "POST", "/api/sync/push", d.tokens["owner"], json=body)
        live = ws_receive(phone)
    assert answer.status == 200, answer.data
    assert live["type"] == "CHANGES" and live["cursor"] == answer.json()["cursor"]
    assert [(c["id"], c["data"]) for c in live["changes"]] == [("hosts-goal", {"title": "Scales"})]


def test_throttle_counters_are_one_budget_across_hosts(deployment):
    d = deployment
    body = json.dumps({"refreshToken": "not-a-token"})
    headers = {"Content-Type": "application/json"}
    statuses = [
        HTTP.request("POST", f"{host.url}/api/auth/refresh", body=body, headers=headers).status
        for host in (d.a, d.b, d.c, d.a)
    ]
    assert 429 not in statuses  # THROTTLE_AUTH_REFRESH=4/min, spent on three hosts
    refused = HTTP.request("POST", f"{d.b.url}/api/auth/refresh", body=body, headers=headers)
    assert refused.status == 429 and int(refused.headers["Retry-After"]) > 0
    assert refused.json()["error"]["code"] == "throttled"


def test_deletions_through_one_host_remove_the_objects_every_host_served(deployment):
    d, owner, leaver = deployment, deployment.tokens["owner"], deployment.tokens["leaver"]
    doomed = pdf_upload(d.a, owner, "Doomed")
    leavers = [pdf_upload(d.c, leaver, "Mine"), pdf_upload(d.a, leaver, "Also mine")]
    d.c.manage("process_scores")
    served = stored_keys(d, doomed, owner).values()
    assert call(d.b, "DELETE", f"/api/scores/{doomed}", owner).status == 204
    assert d.bucket.keys(f"scores/{doomed}/") == []
    for path in served:
        assert call(d.c, "GET", path, owner).status == 404
    assert all(d.bucket.keys(f"scores/{score_id}/") for score_id in leavers)
    assert call(d.c, "DELETE", "/api/user/me", leaver).status == 204
    assert [d.bucket.keys(f"scores/{score_id}/") for score_id in leavers] == [[], []]
    assert call(d.a, "GET", f"/api/scores/{leavers[0]}", owner).status == 404


def test_a_catalogue_page_cached_on_b_follows_writes_made_through_a_and_c(deployment):
    """The catalogue cache lives in the shared Redis: an upload, the cron's rendering and a
    deletion, each through another process, show on b's next read (scores/caching.py)."""
    d, owner, stranger = deployment, deployment.tokens["owner"], deployment.tokens["stranger"]

    def listed_on_b() -> dict[str, str]:
        response = call(d.b, "GET", "/api/scores?q=barcarolle", stranger)
        assert response.status == 200, response.data
        return {item["id"]: item["processingStatus"] for item in response.json()["items"]}

    assert listed_on_b() == {}
    pdf = ("file", ("score.pdf", text_pdf(["Barcarolle"]), "application/pdf"))
    score_id = upload(d.a, owner, [pdf, ("title", "Barcarolle"), ("visibility", "public")])
    assert listed_on_b() == {score_id: "pending"}
    d.c.manage("process_scores")
    assert listed_on_b() == {score_id: "completed"}
    assert call(d.c, "DELETE", f"/api/scores/{score_id}", owner).status == 204
    assert listed_on_b() == {}
