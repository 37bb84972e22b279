"""Throttle scopes for writes: a view whose reads are covered by the per-user rate but whose
writes cost more names a scope for its unsafe methods (`write_throttle_scope`)."""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS


class ScopedWritesMixin:
    """POST, PUT, PATCH and DELETE are also counted in `write_throttle_scope`
    (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]); reads only in the user's own rate."""

    write_throttle_scope: str = ""

    def get_throttles(self):
        if self.request.method not in SAFE_METHODS and self.write_throttle_scope:
            self.throttle_scope = self.write_throttle_scope
        return super().get_throttles()
