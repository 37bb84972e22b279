"""Schema of the preferences object. Field names are the wire names (the body is not
converted); the rule is `repertoire.services.preferences.preferences_clean`, and unknown keys
are kept."""

from __future__ import annotations

from rest_framework import serializers

from mirubato.api.inputs import SchemaOnlySerializer
from repertoire.preferences import EMAIL_FREQUENCIES, MAX_INSTRUMENT_LENGTH, THEMES


class NotificationSettingsSerializer(SchemaOnlySerializer):
    practiceReminders = serializers.BooleanField(required=False)
    goalDeadlines = serializers.BooleanField(required=False)
    achievementNotifications = serializers.BooleanField(required=False)
    emailFrequency = serializers.ChoiceField(choices=EMAIL_FREQUENCIES, required=False)
    pushNotifications = serializers.BooleanField(required=False)


class PreferencesSerializer(SchemaOnlySerializer):
    """Checked by `preferences_clean` (the same rule as a pushed `user_preferences`)."""

    theme = serializers.ChoiceField(choices=THEMES, required=False)
    notificationSettings = NotificationSettingsSerializer(required=False)
    primaryInstrument = serializers.CharField(
        max_length=MAX_INSTRUMENT_LENGTH, required=False, allow_null=True, allow_blank=True
    )
