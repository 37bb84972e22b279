"""The API's bearer-token authentication: allauth's JWT scheme and header, with the one-query
token check of `accounts.selectors.access_tokens`."""

from __future__ import annotations

from allauth.headless.contrib.rest_framework.authentication import JWTTokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from accounts.selectors.access_tokens import access_token_user


class AccessTokenAuthentication(JWTTokenAuthentication):
    def authenticate_credentials(self, key: str):
        result = access_token_user(key)
        if result is None:
            raise AuthenticationFailed("Invalid token.")
        return result
