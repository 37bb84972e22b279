"""What this app's REST API requires of a request, for another wire layer onto the same
services (`legacy`): the input serializers and the sign-in throttles. A request on either wire
meets the same checks (docs/architecture.md, "Arrows")."""

from accounts.api.serializers import (
    GoogleInputSerializer,
    MagicLinkRequestInputSerializer,
    MagicLinkVerifyInputSerializer,
    ProfileUpdateInputSerializer,
    RefreshInputSerializer,
)
from accounts.api.throttles import (
    MagicLinkEmailThrottle,
    MagicLinkIpThrottle,
    RefreshThrottle,
    VerifyThrottle,
)

__all__ = [
    "GoogleInputSerializer",
    "MagicLinkEmailThrottle",
    "MagicLinkIpThrottle",
    "MagicLinkRequestInputSerializer",
    "MagicLinkVerifyInputSerializer",
    "ProfileUpdateInputSerializer",
    "RefreshInputSerializer",
    "RefreshThrottle",
    "VerifyThrottle",
]
