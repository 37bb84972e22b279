"""Content negotiation for every API view (REST_FRAMEWORK["DEFAULT_CONTENT_NEGOTIATION_CLASS"]).

A view answers with its own renderer, the JSON of the envelope or the file it streams
(a score page, a PDF report, a CSV export): neither `Accept` nor `?format=` (which names an
export's file format) selects another, so no client ever gets a 406 or a browsable HTML page.
Parsers are still chosen by the request's Content-Type (JSON, multipart uploads).
"""

from __future__ import annotations

from rest_framework.negotiation import DefaultContentNegotiation


class ViewRendererNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
