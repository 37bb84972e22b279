from __future__ import annotations

from django.apps import AppConfig


class RepertoireConfig(AppConfig):
    name = "repertoire"
    verbose_name = "Repertoire and goals"

    def ready(self) -> None:
        from accounts.services import userdata_register
        from repertoire import logbook, preferences, sessions
        from repertoire.services.userdata import PART
        from sync.services import register_cleaner

        userdata_register(PART)
        # The rules of the synced entities this app owns hold for pushes as for its endpoints.
        register_cleaner(logbook.LOGBOOK_ENTRY, logbook.logbook_entry_clean)
        register_cleaner(preferences.ENTITY_TYPE, preferences.preferences_clean)
        register_cleaner(sessions.PRACTICE_SESSION, sessions.practice_session_clean)
