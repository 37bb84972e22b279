"""Responses that stream under WSGI *and* ASGI.

Django's ASGI handler reads a StreamingHttpResponse (and a FileResponse) built on a sync
iterator into one list before sending it (`StreamingHttpResponse.__aiter__`), so under the
uvicorn worker `make run` uses, a large export or score PDF would sit whole in memory. These
classes hand the sync iterator to the request's sync thread one chunk at a time instead; under
WSGI they are Django's own. App code uses these, never Django's classes directly.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial

from asgiref.sync import sync_to_async
from django.http import FileResponse, StreamingHttpResponse
from whitenoise.middleware import WhiteNoiseFileResponse, WhiteNoiseMiddleware

_DONE = object()


class _ChunkedUnderAsgi:
    async def __aiter__(self) -> AsyncIterator[bytes]:
        chunks = iter(self.streaming_content)
        # thread_sensitive: the same thread (and database connection) the view ran in.
        step = sync_to_async(partial(next, chunks, _DONE), thread_sensitive=True)
        while (chunk := await step()) is not _DONE:
            yield chunk


class StreamingResponse(_ChunkedUnderAsgi, StreamingHttpResponse):
    """A streamed body (exports): the iterator's items are sent as they are produced."""


class StreamingFileResponse(_ChunkedUnderAsgi, FileResponse):
    """A stored file, read and sent in 64 KiB blocks."""

    block_size = 64 * 1024


class _StaticFileResponse(_ChunkedUnderAsgi, WhiteNoiseFileResponse):
    block_size = 64 * 1024


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, serving static files in blocks under ASGI as well."""

    @staticmethod
    def serve(static_file, request):
        response = static_file.get_response(request.method, request.META)
        http_response = _StaticFileResponse(response.file or (), status=int(response.status))
        del http_response["content-type"]  # WhiteNoise's own headers below say it
        for key, value in response.headers:
            http_response[key] = value
        return http_response
