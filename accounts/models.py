from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone

from mirubato.ids import ID_LENGTH, new_id


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalize_email(email), **fields)
        user.set_password(password)  # None gives an unusable password: sign-in is passwordless
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


def normalize_email(email: str) -> str:
    """Addresses are compared case-insensitively, so they are stored lowercased."""
    return email.strip().lower()


class User(AbstractBaseUser, PermissionsMixin):
    """A musician (or staff member). Passwords are only used for staff logging into the admin."""

    class AuthProvider(models.TextChoices):
        MAGIC_LINK = "magic_link", "Magic link"
        GOOGLE = "google", "Google"

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    email = models.EmailField(unique=True)
    display_name = models.CharField(max_length=100, blank=True, default="")
    auth_provider = models.CharField(
        max_length=20, choices=AuthProvider.choices, default=AuthProvider.MAGIC_LINK
    )
    # NULL, not "", for "no Google account": the column is unique.
    google_id = models.CharField(max_length=255, unique=True, blank=True, null=True)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        db_table = "users"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(auth_provider__in=["magic_link", "google"]),
                name="users_auth_provider_valid",
            )
        ]

    def __str__(self) -> str:
        return self.email

    def save(self, *args, **kwargs) -> None:
        self.email = normalize_email(self.email)
        if self.google_id == "":
            self.google_id = None  # unique column: blanks must be NULL, not ""
        super().save(*args, **kwargs)


class LoginToken(models.Model):
    """A one-time magic-link token. Only its SHA-256 is stored: a database leak gives no one a
    working link. `used_at` is set by a conditional UPDATE, so a link works exactly once."""

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    email = models.EmailField(db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "login_tokens"

    def __str__(self) -> str:
        return f"{self.email} (expires {self.expires_at:%Y-%m-%d %H:%M})"


class LoginSession(AbstractBaseSession):
    """One login (a device signed in), and Django's session row at the same time.

    The JWTs of a login point at this row (allauth's stateful JWT validation), so deleting it
    revokes the login's access and refresh tokens at once. `user` is a real column so that a
    user's logins can be listed and revoked without decoding every session.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="login_sessions"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        db_table = "login_sessions"
        verbose_name = "login session"
        verbose_name_plural = "login sessions"

    @classmethod
    def get_session_store_class(cls):
        # The engine settings name (accounts.session_store), found as Django finds it: an
        # import of that module here would make a circle with it.
        return import_module(settings.SESSION_ENGINE).SessionStore
