"""The user's preferences object (reference §7.7), stored as the `user_preferences` sync entity
(entity id = user id) so every device receives it through sync.

Known fields are checked and `notificationSettings` gets its defaults; every other key the
client sends (custom instruments, metronome presets...) is kept exactly, unlike the original,
which dropped them. `preferences_clean` follows sync's cleaner protocol (dict in, dict out,
`FieldError` naming the field) and is registered with it (`RepertoireConfig.ready`), so a
pushed preferences entity is held to the same rule as `PUT /api/user/preferences`.

The rule lives here, with the other synced practice entities, rather than in accounts: accounts
sits below sync (docs/architecture.md) and cannot write to it.
"""

from __future__ import annotations

from typing import Any

from sync.services import FieldError

ENTITY_TYPE = "user_preferences"
THEMES = ("light", "dark", "auto")
EMAIL_FREQUENCIES = ("never", "daily", "weekly", "monthly")
MAX_INSTRUMENT_LENGTH = 100
NOTIFICATION_DEFAULTS: dict[str, Any] = {
    "practiceReminders": False,
    "goalDeadlines": False,
    "achievementNotifications": True,
    "emailFrequency": "never",
    "pushNotifications": False,
}


def _notification_settings(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FieldError("notificationSettings", "Must be an object.")
    settings = {**NOTIFICATION_DEFAULTS, **value}
    for key, default in NOTIFICATION_DEFAULTS.items():
        if isinstance(default, bool) and not isinstance(settings[key], bool):
            raise FieldError(f"notificationSettings.{key}", "Must be true or false.")
    if settings["emailFrequency"] not in EMAIL_FREQUENCIES:
        raise FieldError(
            "notificationSettings.emailFrequency",
            f"Must be one of: {', '.join(EMAIL_FREQUENCIES)}.",
        )
    return settings


def preferences_clean(data: dict[str, Any]) -> dict[str, Any]:
    """Preferences as stored: known fields checked, notification defaults filled in."""
    data = dict(data)
    if "theme" in data and data["theme"] not in THEMES:
        raise FieldError("theme", f"Must be one of: {', '.join(THEMES)}.")
    if "notificationSettings" in data:
        data["notificationSettings"] = _notification_settings(data["notificationSettings"])
    instrument = data.get("primaryInstrument")
    if instrument is not None and (
        not isinstance(instrument, str) or len(instrument) > MAX_INSTRUMENT_LENGTH
    ):
        raise FieldError(
            "primaryInstrument", f"Must be text of at most {MAX_INSTRUMENT_LENGTH} characters."
        )
    return data
