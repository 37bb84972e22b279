"""Sign-in throttles. Rates are in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] (settings)."""

from __future__ import annotations

import hashlib

from rest_framework.throttling import SimpleRateThrottle

from accounts.models import normalize_email


class ClientIpThrottle(SimpleRateThrottle):
    """Per client IP whether or not the caller is signed in (DRF's scoped throttle would key a
    signed-in caller by user instead)."""

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class MagicLinkIpThrottle(ClientIpThrottle):
    scope = "magic_link_ip"


class VerifyThrottle(ClientIpThrottle):
    scope = "auth_verify"


class RefreshThrottle(ClientIpThrottle):
    scope = "auth_refresh"


class MagicLinkEmailThrottle(SimpleRateThrottle):
    """Per address (normalised), so one inbox cannot be flooded from many IPs. A body without
    a usable address is left to validation, which answers 400."""

    scope = "magic_link_email"

    def get_cache_key(self, request, view) -> str | None:
        email = request.data.get("email") if hasattr(request.data, "get") else None
        if not isinstance(email, str) or not email.strip():
            return None
        # Hashed: any string may arrive here, and addresses do not belong in cache keys.
        ident = hashlib.sha256(normalize_email(email).encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}
