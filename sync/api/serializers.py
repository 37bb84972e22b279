"""Wire shapes of the sync API. Push input is checked item by item by `sync.validation`
(`push_changes`, shared with the WebSocket's PUSH, so a bad item's error names its index): the
push serializers are schema-only. The others describe the answers."""

from __future__ import annotations

from rest_framework import serializers

from mirubato.api.inputs import SchemaOnlySerializer
from sync.models import ENTITY_TYPES

STATUSES = ("created", "updated", "unchanged", "deleted", "conflict")
RESOLUTIONS = ("client_wins", "server_wins")


class ChangeInputSerializer(SchemaOnlySerializer):
    type = serializers.ChoiceField(choices=ENTITY_TYPES)
    id = serializers.CharField(max_length=255)
    data = serializers.JSONField(
        required=False, help_text="The entity as a JSON object (required unless deleting)."
    )
    base_version = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, help_text="The version this edit is based on."
    )
    deleted = serializers.BooleanField(required=False, default=False)


class PushInputSerializer(SchemaOnlySerializer):
    """Checked by `sync.validation.push_changes`, never by running this."""

    changes = ChangeInputSerializer(many=True, help_text="At most 500 changes (5 MB) per push.")
    cursor = serializers.CharField(
        required=False,
        help_text="Your current pull cursor: the answer's cursor then skips only this push.",
    )


class EntityPositionSerializer(serializers.Serializer):
    """An entity at a version and feed position (push results and pulled changes)."""

    type = serializers.ChoiceField(choices=ENTITY_TYPES)
    id = serializers.CharField()
    version = serializers.IntegerField()
    seq = serializers.IntegerField()


class PushResultSerializer(EntityPositionSerializer):
    status = serializers.ChoiceField(choices=STATUSES)


class ConflictSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=ENTITY_TYPES)
    id = serializers.CharField()
    server_version = serializers.IntegerField()
    server_data = serializers.JSONField()
    server_deleted = serializers.BooleanField()
    client_data = serializers.JSONField(allow_null=True)
    client_deleted = serializers.BooleanField()
    resolution = serializers.ChoiceField(choices=RESOLUTIONS)


class PushOutputSerializer(serializers.Serializer):
    results = PushResultSerializer(many=True)
    conflicts = ConflictSerializer(many=True)
    cursor = serializers.CharField()


class PulledChangeSerializer(EntityPositionSerializer):
    data = serializers.JSONField(required=False, help_text="Absent on deletions.")
    deleted = serializers.BooleanField()


class PullOutputSerializer(serializers.Serializer):
    changes = PulledChangeSerializer(many=True)
    cursor = serializers.CharField()
    has_more = serializers.BooleanField()
    snapshot = serializers.BooleanField(
        help_text="True on the pages of a first sync (no `since`): live entities as of its "
        "first page, no tombstones. Its last page hands over to the change feed."
    )


class DeviceSerializer(serializers.Serializer):
    id = serializers.CharField()
    last_seen_at = serializers.CharField()


class StatusOutputSerializer(serializers.Serializer):
    last_sync_time = serializers.DateTimeField(allow_null=True)
    cursor = serializers.CharField()
    device_count = serializers.IntegerField()
    devices = DeviceSerializer(many=True)
    last_device_id = serializers.CharField(allow_null=True)
    entity_counts = serializers.DictField(child=serializers.IntegerField())
    conflict_count = serializers.IntegerField()
