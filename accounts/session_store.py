"""Django's database session engine on `login_sessions` (settings.SESSION_ENGINE), which adds
the user and the login's start time as columns.

https://docs.djangoproject.com/en/5.2/topics/http/sessions/#extending-database-backed-session-engines
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DBStore

from accounts.models import LoginSession

# Kept inside the session data too: the engine rewrites every column on each save, so the
# start time must travel with the data to survive refresh-token rotations.
STARTED_KEY = "_login_started_at"


class SessionStore(DBStore):
    @classmethod
    def get_model_class(cls):
        return LoginSession

    def create_model_instance(self, data: dict[str, Any]):
        data.setdefault(STARTED_KEY, int(time.time()))
        obj = super().create_model_instance(data)
        obj.user_id = data.get(SESSION_KEY) or None
        obj.created_at = datetime.fromtimestamp(data[STARTED_KEY], tz=UTC)
        return obj
