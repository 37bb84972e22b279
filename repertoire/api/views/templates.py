from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.api.inputs import validated
from repertoire.api.serializers.templates import AdoptInputSerializer, AdoptOutputSerializer
from repertoire.services.templates import template_adopt


class TemplateAdoptView(APIView):
    # The plan and occurrence are sync entities in the clients' own (camelCase) shape.
    json_opaque_fields = ("plan", "occurrences")

    @extend_schema(
        operation_id="templates_adopt",
        tags=["practice"],
        request=AdoptInputSerializer,
        responses={201: AdoptOutputSerializer},
    )
    def post(self, request):
        fields = validated(AdoptInputSerializer, request.data)
        plan, occurrence = template_adopt(
            user=request.user,
            template_id=fields["template_id"],
            customization=fields.get("customization", {}),
            zone=fields["time_zone"],
        )
        body = {"plan": plan, "occurrences": [occurrence]}
        return Response(AdoptOutputSerializer(body).data, status=status.HTTP_201_CREATED)
