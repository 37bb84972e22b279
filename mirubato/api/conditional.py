"""Conditional GETs for public reads (catalogue, collections, dictionary).

A 200 GET answer carries a strong `ETag` of its body; a request whose `If-None-Match` names it
gets `304 Not Modified` with no body. The tag is the body's digest, so it can never claim
"unchanged" for a body that changed: the view still runs (its reads and counters, such as a
dictionary lookup's search record, stay as they were), and what the client saves is the
transfer and the parse. `Vary: Authorization` because the same path reads differently per
viewer (a private score, `isOwner`), so a shared cache keeps them apart.
"""

from __future__ import annotations

from django.http import HttpResponseNotModified
from django.utils.cache import patch_vary_headers, set_response_etag
from django.utils.http import parse_etags


class ConditionalGetMixin:
    """For an APIView: ETag on every 200 GET/HEAD, 304 when `If-None-Match` matches."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if response.streaming or response.has_header("ETag"):
            return response
        if callable(getattr(response, "render", None)):
            response.render()
        set_response_etag(response)
        patch_vary_headers(response, ("Authorization",))
        if not _names(request.headers.get("If-None-Match", ""), response["ETag"]):
            return response
        # Only If-None-Match is answered here: a GET's If-Match or dates change nothing.
        not_modified = HttpResponseNotModified()
        for header in ("ETag", "Vary", "Cache-Control"):
            if response.has_header(header):
                not_modified[header] = response[header]
        return not_modified


def _names(if_none_match: str, etag: str) -> bool:
    tags = parse_etags(if_none_match)
    # Weak comparison, as RFC 9110 asks for If-None-Match: W/"x" names "x".
    return "*" in tags or any(t.removeprefix("W/") == etag for t in tags)
