from __future__ import annotations

import secrets
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

    # The system design's profile (users.primary_instrument, users.skill_level).
    class Instrument(models.TextChoices):
        PIANO = "piano", "Piano"
        GUITAR = "guitar", "Guitar"

    class SkillLevel(models.TextChoices):
        BEGINNER = "beginner", "Beginner"
        INTERMEDIATE = "intermediate", "Intermediate"
        ADVANCED = "advanced", "Advanced"
        PROFESSIONAL = "professional", "Professional"

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    email = models.EmailField(unique=True)
    display_name = models.CharField(max_length=100, blank=True, default="")
    auth_provider = models.CharField(
        max_length=20, choices=AuthProvider.choices, default=AuthProvider.MAGIC_LINK
    )
    # NULL, not "", for "no Google account": the column is unique.
    google_id = models.CharField(max_length=255, unique=True, blank=True, null=True)
    # Profile fields the user edits ("" is "not said"; the API shows null).
    avatar_url = models.URLField(max_length=500, blank=True, default="")
    primary_instrument = models.CharField(
        max_length=20, choices=Instrument.choices, blank=True, default=""
    )
    skill_level = models.CharField(
        max_length=20, choices=SkillLevel.choices, blank=True, default=""
    )
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
            ),
            models.CheckConstraint(
                condition=models.Q(primary_instrument__in=["", "piano", "guitar"]),
                name="users_primary_instrument_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    skill_level__in=["", "beginner", "intermediate", "advanced", "professional"]
                ),
                name="users_skill_level_valid",
            ),
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


def _pseudonym() -> str:
    return secrets.token_hex(12)


class AuditPseudonym(models.Model):
    """The one link from a user to the name the audit trail knows them by. A random token,
    not derived from anything about the user: once this row is erased (with the account),
    nothing, not even the server's keys, can tie the trail's events back to the person."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, primary_key=True, related_name="audit_pseudonym"
    )
    ref = models.CharField(max_length=32, unique=True, default=_pseudonym, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        db_table = "audit_pseudonyms"

    def __str__(self) -> str:
        return self.ref


class AuditAction(models.TextChoices):
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Admin sign-in failed"
    REFRESH_TOKEN_REUSE = "refresh_token_reuse", "Refresh token reused (login revoked)"
    LOGOUT = "logout", "Signed out"
    ACCOUNT_EXPORT = "account_export", "Exported the account"
    ACCOUNT_DELETE = "account_delete", "Deleted an account"
    LOGIN_REVOKE = "login_revoke", "Revoked logins"
    ADMIN_ADD = "admin_add", "Admin: added"
    ADMIN_CHANGE = "admin_change", "Admin: changed"
    ADMIN_DELETE = "admin_delete", "Admin: deleted"
    ADMIN_ACTION = "admin_action", "Admin: bulk action"
    REVIEW_APPROVE = "review_approve", "Dictionary review approved"
    REVIEW_REJECT = "review_reject", "Dictionary review rejected"
    REVIEW_REQUEUE = "review_requeue", "Dictionary term requeued"


class AuditEvent(models.Model):
    """One security-relevant action (docs/operations.md, "Audit trail"). Holds no personal
    data: people appear as pseudonyms (`AuditPseudonym.ref`), never by id, address or name,
    so an event outlives its actor's account without naming them. Written only by
    `accounts.services.audit_record`; staff read it in the admin."""

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    at = models.DateTimeField("when", default=timezone.now, db_index=True)
    action = models.CharField(max_length=40, choices=AuditAction.choices, db_index=True)
    actor_ref = models.CharField(max_length=32, blank=True, default="", db_index=True)
    actor_is_staff = models.BooleanField(default=False)
    # What was acted on: "user" (target_id is then the user's pseudonym), or a model label
    # ("scores.collection", "dictionary.manualreview") with that row's id.
    target_type = models.CharField(max_length=100, blank=True, default="")
    target_id = models.CharField(max_length=255, blank=True, default="", db_index=True)
    request_id = models.CharField(max_length=128, blank=True, default="")
    # Facts without personal data: the sign-in method, changed field names, counts.
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "audit_events"
        ordering = ("-at",)

    def __str__(self) -> str:
        return f"{self.get_action_display()} at {self.at:%Y-%m-%d %H:%M:%S}"
