"""Conditional GETs for public reads (catalogue, collections, dictionary).

A 200 GET answer carries a strong `ETag` of its body; a request whose `If-None-Match` names it
gets `304 Not Modified` with no body. The tag is the body's digest, so it can never claim
"unchanged" for a body that changed: the view still runs (its reads and counters, such as a
dictionary lookup's search record, stay as they were), and what the client saves is the
transfer and the parse. `Vary: Authorization` because the same path reads differently per
viewer (a private score, `isOwner`), so a shared cache keeps them apart.
"""

from __future__ import annotations

from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from drf_spectacular.utils import OpenApiResponse

NOT_MODIFIED = OpenApiResponse(description="Not modified: `If-None-Match` named the ETag.")


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
        return get_conditional_response(request, etag=response["ETag"], response=response)
