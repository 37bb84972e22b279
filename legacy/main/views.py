"""Preferences, autocomplete and template adoption as the original client speaks them
(the client's calls §3, §4, §8). Goals are in `goal_views`, repertoire and pieces in
`repertoire_views`, sign-in in `auth_views`."""

from __future__ import annotations

from rest_framework.response import Response

from legacy.main.shapes import fields_in
from legacy.wire import LegacyView, PublicLegacyView
from mirubato.api.camel import camelize
from mirubato.api.inputs import validated
from repertoire.api.inputs import AdoptInputSerializer, PieceSuggestParams, SuggestParams
from repertoire.selectors import composers_matching, pieces_matching, preferences_get
from repertoire.services import preferences_replace, template_adopt
from sync.services import device_id_clean


class PreferencesView(LegacyView):
    """The whole object is the client's, both ways (as on REST); PUT replaces it, as the
    original did, and answers the original's `{success, preferences}`."""

    def get(self, request):
        return Response(preferences_get(user=request.user))

    def put(self, request):
        device_id = device_id_clean(request.headers.get("X-Device-ID"))
        stored = preferences_replace(user=request.user, data=request.data, device_id=device_id)
        return Response({"success": True, "preferences": stored})


class ComposerAutocompleteView(PublicLegacyView):
    """Anonymous callers (the original had no auth here) get catalogue names only; a bad or
    expired token is anonymous, never a 401 (which the client takes for a sign-out)."""

    def get(self, request):
        params = validated(SuggestParams, request.query_params)
        results, total = composers_matching(user=request.user, q=params["q"], limit=params["limit"])
        return Response({"results": results, "total": total})


class PieceAutocompleteView(PublicLegacyView):
    def get(self, request):
        params = validated(PieceSuggestParams, request.query_params)
        results, total = pieces_matching(
            user=request.user, q=params["q"], composer=params["composer"], limit=params["limit"]
        )
        return Response({"results": camelize(results), "total": total})


class TemplateAdoptView(LegacyView):
    """The plan and occurrence are the client's own entities, verbatim; the original answered
    200 `{success, plan, occurrences}`."""

    def post(self, request):
        fields = validated(AdoptInputSerializer, fields_in(request.data))
        plan, occurrence = template_adopt(
            user=request.user,
            template_id=fields["template_id"],
            customization=fields.get("customization", {}),
            zone=fields["time_zone"],
        )
        return Response({"success": True, "plan": plan, "occurrences": [occurrence]})
