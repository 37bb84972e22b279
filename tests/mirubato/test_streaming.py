"""Streamed bodies stream under ASGI too: never read whole into memory before sending."""

from __future__ import annotations

import asyncio
import re
import warnings
from pathlib import Path

import pytest
from asgiref.sync import sync_to_async
from django.db import connections
from django.test import AsyncClient

from mirubato.streaming import StreamingFileResponse, StreamingResponse
from tests.accounts.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accounts", "sync", "repertoire", "scores", "dictionary")


async def first_chunk(response) -> bytes:
    async for chunk in response:
        return chunk
    return b""


def test_a_streamed_body_is_produced_one_chunk_at_a_time_under_asgi():
    produced = []

    def rows():
        for n in range(1000):
            produced.append(n)
            yield f"{n}\n"

    response = StreamingResponse(rows())
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Django warns when it buffers a sync iterator
        chunk = asyncio.run(first_chunk(response))
    assert chunk == b"0\n"
    assert produced == [0]


def test_a_file_is_sent_in_64_kib_blocks_under_asgi(tmp_path):
    path = tmp_path / "score.pdf"
    path.write_bytes(b"x" * (200 * 1024))

    async def chunks(response) -> list[int]:
        return [len(chunk) async for chunk in response]

    # The file is closed by the test, not by response.close(): that sends request_finished,
    # whose connection clean-up is no business of a test without a database.
    with path.open("rb") as file, warnings.catch_warnings():
        warnings.simplefilter("error")
        sizes = asyncio.run(chunks(StreamingFileResponse(file)))
    assert sizes == [65536, 65536, 65536, 8192]


def test_static_files_are_served_through_asgi_without_buffering():
    async def fetch():
        return await AsyncClient().get("/static/admin/css/base.css")

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        response = asyncio.run(fetch())
        body = b"".join(asyncio.run(_collect(response)))
    assert response.status_code == 200
    assert b"body" in body


async def _collect(response) -> list[bytes]:
    return [chunk async for chunk in response]


@pytest.mark.django_db(transaction=True, databases=["default", "scores", "dictionary"])
def test_the_account_export_streams_through_the_asgi_handler(make_auth_client):
    user = UserFactory()
    token = make_auth_client(user)._credentials["HTTP_AUTHORIZATION"]

    async def export():
        response = await AsyncClient().get("/api/user/me/export", AUTHORIZATION=token)
        body = b"".join([chunk async for chunk in response])
        # The request's sync thread outlives the test: hand its connection back.
        await sync_to_async(connections.close_all, thread_sensitive=True)()
        return response, body

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        response, body = asyncio.run(export())
    assert response.status_code == 200
    assert user.email.encode() in body


def test_app_code_never_uses_djangos_buffering_classes_directly():
    offenders = [
        str(path.relative_to(ROOT))
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if re.search(r"\b(StreamingHttpResponse|FileResponse)\(", path.read_text())
    ]
    assert offenders == []
