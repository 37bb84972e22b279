"""Settings for Mirubato, read from the environment through one django-environ `env`.

With nothing set, a development checkout runs on three SQLite files under var/. Every
setting that production needs is an environment variable; see .env.example and README.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import environ

from mirubato.telemetry.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Development is the default so that `make run` works on a fresh clone with no configuration;
# production sets DEBUG=False, which then requires a real SECRET_KEY and ALLOWED_HOSTS.
DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = (
    env("SECRET_KEY")
    if not DEBUG
    else env("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production-0123456789")
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
FRONTEND_URL = env("FRONTEND_URL", default="http://localhost:5173").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "corsheaders",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.google",
    "allauth.headless",
    "mirubato",
    "accounts",
    "sync",
    "repertoire",
    "progress",
    "scores",
    "dictionary",
    "legacy",
]

MIDDLEWARE = [
    # operations: first, so every answer (errors and 500s too) carries X-Request-ID.
    "mirubato.telemetry.middleware.RequestTelemetryMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "mirubato.streaming.StaticFilesMiddleware",
    # Outside CorsMiddleware, so it sees the CORS headers of every answer, preflights included.
    "legacy.middleware.LegacyCredentialsMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "mirubato.api.middleware.ApiErrorMiddleware",
]

ROOT_URLCONF = "mirubato.urls"
WSGI_APPLICATION = "mirubato.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Databases ------------------------------------------------------------------------------
# Three aliases, one per service of the original. Each URL may point at PostgreSQL
# (postgres://user@host:5432/name); the default is a SQLite file under var/.
# SQLite tuning: https://docs.djangoproject.com/en/5.2/ref/databases/#sqlite-notes
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
DATABASE_ALIASES = ("default", "scores", "dictionary")


def _database(var: str, alias: str) -> dict:
    config = env.db_url(var, default=f"sqlite:///{VAR_DIR / f'{alias}.sqlite3'}")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
        if env.bool("DATABASE_POOL", default=True):
            # Connections kept for the next request: a new one reads the whole schema first
            # (mirubato/pooled_sqlite/base.py).
            config["ENGINE"] = "mirubato.pooled_sqlite"
            config["OPTIONS"]["pool_size"] = env.int("DATABASE_POOL_MAX", default=10)
        # File-based test databases keep WAL and real locking, so concurrency tests mean
        # something (in-memory shared-cache SQLite locks whole tables instead). They sit next
        # to the configured file, so two checkouts (or two runs) pointed at different
        # folders never share a test database.
        name = Path(config["NAME"])
        config["TEST"] = {"NAME": str(name.with_name(f"test_{name.name}"))}
    else:
        # A per-process psycopg pool instead of persistent connections: under ASGI (what
        # `make run` serves) every request runs in a thread of its own, so a persistent
        # connection per thread would leak. https://docs.djangoproject.com/en/5.2/ref/databases/#connection-pool
        config["CONN_MAX_AGE"] = 0
        options = config.setdefault("OPTIONS", {})
        options.setdefault("connect_timeout", 5)
        # Parameters bound by the server, so psycopg prepares a statement once it has run five
        # times on a connection and PostgreSQL stops planning it again: the one-row queries
        # of every request spent more time planned than executed (docs/deploy.md). Off for a
        # pooler in transaction mode that cannot keep them.
        if env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
            options.setdefault("server_side_binding", True)
            options.setdefault("prepare_threshold", 5)  # Django's default is never
        if env.bool("DATABASE_POOL", default=True):
            options["pool"] = {
                "min_size": env.int("DATABASE_POOL_MIN", default=1),
                "max_size": env.int("DATABASE_POOL_MAX", default=10),
                "timeout": env.int("DATABASE_POOL_TIMEOUT", default=10),
            }
    if alias != "default":
        # Lets a test that touches only this alias run without creating `default` first.
        config.setdefault("TEST", {})["DEPENDENCIES"] = []
    return config


DATABASES = {
    "default": _database("DATABASE_URL", "default"),
    "scores": _database("SCORES_DATABASE_URL", "scores"),
    "dictionary": _database("DICTIONARY_DATABASE_URL", "dictionary"),
}
DATABASE_ROUTERS = ["mirubato.routers.AppDatabaseRouter"]
# App label -> database alias; every app not named here lives on `default`.
DATABASE_APPS_MAPPING = {"scores": "scores", "dictionary": "dictionary"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (throttle counters, hot lookups) ---------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's, keeping one client per pool (mirubato/cache.py).
            "BACKEND": "mirubato.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="mirubato"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Email ------------------------------------------------------------------------------------
# EMAIL_URL uses django-environ's scheme: smtp+tls://user:pass@host:587, filemail:////abs/dir
# (four slashes for an absolute path: three give a path relative to the working directory),
# consolemail://. https://django-environ.readthedocs.io/en/latest/types.html#environ-env-email-url
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Mirubato <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation and time ------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and media files -------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Score originals, page images and thumbnails (docs/deploy.md, "Files"). STORAGE_URL unset: the
# filesystem under MEDIA_ROOT, for one host. Several hosts share one S3-compatible bucket:
#   STORAGE_URL=s3://<bucket>[/<prefix>]?region=eu-west-1                         AWS
#   STORAGE_URL=s3://<bucket>?endpoint=https://s3.internal:9000&region=us-east-1  MinIO, Ceph...
# Query: endpoint, region, addressing (auto|path|virtual; path when an endpoint is given),
# connect_timeout and read_timeout (seconds; 5, 60), max_attempts (3). Credentials never go in
# the URL: boto3 reads its own chain (AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY, AWS_PROFILE, an
# instance role). Objects get no ACL; downloads stream through the API after its permission check.
# https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html
STORAGE_URL = env("STORAGE_URL", default="")
S3_QUERY = {"endpoint", "region", "addressing", "connect_timeout", "read_timeout", "max_attempts"}


def file_storage(url: str) -> dict:
    """The STORAGES["default"] entry for STORAGE_URL (both backends overwrite a key in place)."""
    from urllib.parse import parse_qs, urlsplit

    from django.core.exceptions import ImproperlyConfigured

    if not url:
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"allow_overwrite": True},
        }
    parts = urlsplit(url)
    query = {name: values[-1] for name, values in parse_qs(parts.query).items()}
    credentials = parts.username or parts.password  # boto3's own chain provides those
    if parts.scheme != "s3" or not parts.hostname or credentials or set(query) - S3_QUERY:
        raise ImproperlyConfigured(
            "STORAGE_URL must be s3://<bucket>[/<prefix>] with no credentials and query keys"
            f" among {', '.join(sorted(S3_QUERY))} (docs/deploy.md)"
        )
    from botocore.config import Config

    endpoint = query.get("endpoint") or None
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": parts.netloc,
            "location": parts.path.strip("/"),
            "endpoint_url": endpoint,
            "region_name": query.get("region") or None,
            "default_acl": None,
            # Only the admin asks for URLs (its links to a version's file, for staff): signed,
            # valid five minutes. The API streams every file after its permission check.
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": True,
            "client_config": Config(
                s3={"addressing_style": query.get("addressing", "path" if endpoint else "auto")},
                signature_version="s3v4",
                connect_timeout=float(query.get("connect_timeout", 5)),
                read_timeout=float(query.get("read_timeout", 60)),
                retries={"max_attempts": int(query.get("max_attempts", 3)), "mode": "standard"},
            ),
        },
    }


STORAGES = {
    "default": file_storage(STORAGE_URL),
    # Hashed, compressed names need `collectstatic` (make run does it); development and tests
    # serve the apps' files as they are.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Serve straight from the apps' static folders in development, so no collectstatic is needed.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# --- Security (production values follow DEBUG; each can be overridden) -----------------------
# https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe over plain HTTP; a redirect would mark the instance as down.
SECURE_REDIRECT_EXEMPT = [r"^health$", r"^livez$", r"^readyz$"]
if env.bool("USE_X_FORWARDED_PROTO", default=not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Under /api/ a failed check answers the JSON envelope, never Django's HTML page.
CSRF_FAILURE_VIEW = "mirubato.api.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[FRONTEND_URL])
CORS_URLS_REGEX = r"^/(api|legacy)/.*$"
# Paths that answer JSON errors, never Django's HTML pages: this API and the original web
# client's (docs/web-client.md).
API_PATH_PREFIXES = ("/api/", "/legacy/")
CORS_ALLOW_HEADERS = [
    "accept",
    "authorization",
    "content-type",
    "idempotency-key",
    "x-idempotency-key",
    "x-device-id",
]
CORS_EXPOSE_HEADERS = [
    "Idempotent-Replay",
    "X-Idempotent-Replay",
    "Retry-After",
    "Content-Disposition",
    "ETag",
]

# Request bodies above this are refused before parsing (sync pushes may carry 5 MB of JSON).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=6 * 1024 * 1024)

# --- REST framework ---------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api.authentication.AccessTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["mirubato.api.renderers.CamelCaseJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "mirubato.api.parsers.CamelCaseJSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "mirubato.api.pagination.OffsetPagination",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "mirubato.api.negotiation.ViewRendererNegotiation",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "mirubato.api.errors.api_exception_handler",
    # DRF's anon, user and scoped rates in one cache read and write (mirubato/api/throttling.py).
    "DEFAULT_THROTTLE_CLASSES": ["mirubato.api.throttling.RequestRateThrottle"],
    # Reads are generous, sign-in is strict; views pick a scope with `throttle_scope`.
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("THROTTLE_ANON", default="300/min"),
        "user": env("THROTTLE_USER", default="1200/min"),
        "auth": env("THROTTLE_AUTH", default="10/min"),
        "sync": env("THROTTLE_SYNC", default="120/min"),
        "upload": env("THROTTLE_UPLOAD", default="30/hour"),
    },
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0 if DEBUG else 1),
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Mirubato API",
    "DESCRIPTION": "Practice logbook sync, repertoire and goals, scorebook and music dictionary.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI assets are served from this project (no CDN), so /api/docs/ works offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "mirubato.api.aliases.alias_operation_ids",
        "mirubato.api.schema.camelize_schema",
        "mirubato.api.schema.add_error_responses",
    ],
    "SECURITY": [{"bearerAuth": []}],
    "APPEND_COMPONENTS": {
        "securitySchemes": {
            "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
        }
    },
}

# --- Authentication (the sign-in flows themselves live in accounts/) ---------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
HEADLESS_ONLY = True
HEADLESS_TOKEN_STRATEGY = "allauth.headless.tokens.strategies.jwt.JWTTokenStrategy"
HEADLESS_JWT_ALGORITHM = "HS256"  # signed with SECRET_KEY; no key file to distribute
HEADLESS_JWT_ACCESS_TOKEN_EXPIRES_IN = int(
    timedelta(minutes=env.int("ACCESS_TOKEN_MINUTES", default=15)).total_seconds()
)
HEADLESS_JWT_REFRESH_TOKEN_EXPIRES_IN = int(
    timedelta(days=env.int("REFRESH_TOKEN_DAYS", default=30)).total_seconds()
)
HEADLESS_JWT_ROTATE_REFRESH_TOKEN = True
# A login's session must outlive its refresh token (Django's default is two weeks).
SESSION_COOKIE_AGE = HEADLESS_JWT_REFRESH_TOKEN_EXPIRES_IN
# Access tokens are checked against their login session, so logout and deletion take effect.
HEADLESS_JWT_STATEFUL_VALIDATION_ENABLED = True
HEADLESS_FRONTEND_URLS = {}

# --- Logging ----------------------------------------------------------------------------------
# operations (docs/operations.md): LOG_FORMAT=json writes one JSON object a line (time, level,
# logger, request id, user id, and the request line's method, route, status, timings); text is
# the same on one readable line. JSON unless DEBUG.
LOG_FORMAT = env("LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = logging_config(fmt=LOG_FORMAT, level=env("LOG_LEVEL", default="INFO"))

# --- sync ---
# Limits and retention of the sync engine (docs/sync.md). A push above a limit is a 413.
SYNC_MAX_CHANGES = env.int("SYNC_MAX_CHANGES", default=500)
SYNC_MAX_PUSH_BYTES = env.int("SYNC_MAX_PUSH_BYTES", default=5 * 1024 * 1024)
SYNC_MAX_ENTITY_BYTES = env.int("SYNC_MAX_ENTITY_BYTES", default=256 * 1024)
# Tombstones older than this are purged by `purge_sync`; cursors older than this answer 410.
SYNC_TOMBSTONE_RETENTION_DAYS = env.int("SYNC_TOMBSTONE_RETENTION_DAYS", default=90)
SYNC_IDEMPOTENCY_TTL_HOURS = env.int("SYNC_IDEMPOTENCY_TTL_HOURS", default=24)
SYNC_PULL_DEFAULT_LIMIT = env.int("SYNC_PULL_DEFAULT_LIMIT", default=500)
SYNC_PULL_MAX_LIMIT = env.int("SYNC_PULL_MAX_LIMIT", default=1000)

# --- accounts ---
# Logins are database sessions on `login_sessions` (a user column, so all of a user's logins
# can be revoked at once); the JWTs of a login point at its row.
SESSION_ENGINE = "accounts.session_store"
# Magic links are built from this setting only, never from a request header.
MAGIC_LINK_MINUTES = env.int("MAGIC_LINK_MINUTES", default=15)
# Google Identity Services: the OAuth client id is the audience every ID token must carry.
# The key set is a setting so tests (and air-gapped deployments) can serve their own.
# https://developers.google.com/identity/gsi/web/guides/verify-google-id-token
GOOGLE_CLIENT_ID = env("GOOGLE_CLIENT_ID", default="")
GOOGLE_JWKS_URL = env("GOOGLE_JWKS_URL", default="https://www.googleapis.com/oauth2/v3/certs")
GOOGLE_ID_TOKEN_ISSUERS = ["https://accounts.google.com", "accounts.google.com"]
# allauth's settings-based app (no SocialApp row needed); empty when Google is not configured.
# https://docs.allauth.org/en/latest/socialaccount/provider_configuration.html
SOCIALACCOUNT_PROVIDERS = {
    "google": {"APPS": [{"client_id": GOOGLE_CLIENT_ID, "secret": ""}] if GOOGLE_CLIENT_ID else []}
}
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].update(
    {
        # Requesting a link: per client IP, and per address so one inbox cannot be flooded.
        "magic_link_ip": env("THROTTLE_MAGIC_LINK_IP", default="10/min"),
        "magic_link_email": env("THROTTLE_MAGIC_LINK_EMAIL", default="5/hour"),
        # Verify, Google and refresh: per client IP, against guessing.
        "auth_verify": env("THROTTLE_AUTH_VERIFY", default="20/min"),
        "auth_refresh": env("THROTTLE_AUTH_REFRESH", default="60/min"),
    }
)

# --- scores ---
# Upload limits (bytes); a larger upload is refused with 413 before it is stored.
SCORES_MAX_FILE_BYTES = env.int("SCORES_MAX_FILE_BYTES", default=50 * 1024 * 1024)
# Catalogue pages are cached this long (seconds; 0 = never), and dropped at once when any
# score changes (scores/caching.py). On by default only with Redis: per-process memory would
# let one worker keep listing a score another has changed or deleted.
SCORES_CATALOGUE_CACHE_SECONDS = env.int(
    "SCORES_CATALOGUE_CACHE_SECONDS", default=60 if REDIS_URL else 0
)
SCORES_MAX_IMAGE_BYTES = env.int("SCORES_MAX_IMAGE_BYTES", default=10 * 1024 * 1024)
SCORES_MAX_IMAGES = env.int("SCORES_MAX_IMAGES", default=20)
SCORES_MAX_IMAGES_TOTAL_BYTES = env.int("SCORES_MAX_IMAGES_TOTAL_BYTES", default=50 * 1024 * 1024)
# Processing (manage.py process_scores): page images and thumbnail widths in pixels, how many
# pages of one PDF get images, how often a failing version is retried, when a claim is stale.
SCORES_PAGE_WIDTH = env.int("SCORES_PAGE_WIDTH", default=1200)
SCORES_THUMBNAIL_WIDTH = env.int("SCORES_THUMBNAIL_WIDTH", default=400)
SCORES_MAX_RENDER_PAGES = env.int("SCORES_MAX_RENDER_PAGES", default=100)
SCORES_PROCESSING_MAX_ATTEMPTS = env.int("SCORES_PROCESSING_MAX_ATTEMPTS", default=3)
SCORES_PROCESSING_STALE_MINUTES = env.int("SCORES_PROCESSING_STALE_MINUTES", default=30)
# purge_orphan_files removes stored files no row points at once they are older than this: longer
# than any upload or render takes between writing its files and committing its rows.
SCORES_ORPHAN_GRACE_MINUTES = env.int("SCORES_ORPHAN_GRACE_MINUTES", default=60)

# --- dictionary ---
# Growth pipeline: an OpenAI-compatible chat completions endpoint (OpenAI, Ollama, vLLM,
# llama.cpp). With no URL, queued terms go straight to the manual review queue for staff.
# DICTIONARY_AI_URL may be a base (https://api.openai.com/v1) or the full .../chat/completions.
DICTIONARY_AI_URL = env("DICTIONARY_AI_URL", default="")
DICTIONARY_AI_KEY = env("DICTIONARY_AI_KEY", default="")
DICTIONARY_AI_MODEL = env("DICTIONARY_AI_MODEL", default="gpt-4o-mini")
DICTIONARY_AI_TIMEOUT = env.float("DICTIONARY_AI_TIMEOUT", default=30.0)
# Tokens (prompt + completion, as the provider reports them) allowed per UTC day, and the
# reservation checked before each call: a call starts only if used + estimate <= budget.
DICTIONARY_DAILY_TOKEN_BUDGET = env.int("DICTIONARY_DAILY_TOKEN_BUDGET", default=50_000)
DICTIONARY_TOKENS_PER_CALL_ESTIMATE = env.int("DICTIONARY_TOKENS_PER_CALL_ESTIMATE", default=1_200)
# Generated entries scoring at least this (0-100) are published; the rest go to manual review.
DICTIONARY_PUBLISH_THRESHOLD = env.int("DICTIONARY_PUBLISH_THRESHOLD", default=75)
DICTIONARY_MAX_ATTEMPTS = env.int("DICTIONARY_MAX_ATTEMPTS", default=3)
DICTIONARY_RETRY_BASE_SECONDS = env.int("DICTIONARY_RETRY_BASE_SECONDS", default=300)
DICTIONARY_RETRY_MAX_SECONDS = env.int("DICTIONARY_RETRY_MAX_SECONDS", default=6 * 3600)
# A queue item left "processing" this long (a crashed runner) is handed out again.
DICTIONARY_STALE_CLAIM_MINUTES = env.int("DICTIONARY_STALE_CLAIM_MINUTES", default=30)
DICTIONARY_CACHE_TTL = env.int("DICTIONARY_CACHE_TTL", default=3600)
DICTIONARY_EXPORT_DIR = env.path("DICTIONARY_EXPORT_DIR", default=str(VAR_DIR / "exports"))
# Retention used by cleanup_dictionary (days).
DICTIONARY_USAGE_RETENTION_DAYS = env.int("DICTIONARY_USAGE_RETENTION_DAYS", default=90)
DICTIONARY_ANALYTICS_RETENTION_DAYS = env.int("DICTIONARY_ANALYTICS_RETENTION_DAYS", default=365)
DICTIONARY_QUEUE_RETENTION_DAYS = env.int("DICTIONARY_QUEUE_RETENTION_DAYS", default=7)
DICTIONARY_DEAD_LETTER_RETENTION_DAYS = env.int("DICTIONARY_DEAD_LETTER_RETENTION_DAYS", default=30)
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].update(
    {
        "dictionary": env("THROTTLE_DICTIONARY", default="600/min"),
        "dictionary_batch": env("THROTTLE_DICTIONARY_BATCH", default="60/min"),
        "dictionary_feedback": env("THROTTLE_DICTIONARY_FEEDBACK", default="30/min"),
        "dictionary_export": env("THROTTLE_DICTIONARY_EXPORT", default="20/hour"),
    }
)

# --- repertoire ---
# Largest annotationData (encoded JSON) one score annotation may hold; bigger ones get a 413.
ANNOTATION_MAX_BYTES = env.int("ANNOTATION_MAX_BYTES", default=64 * 1024)
# Several models have a `status` or `type` choice set: name each enum in the schema.
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(
    {
        "RepertoireStatusEnum": "repertoire.models.UserRepertoire.Status",
        "GoalStatusEnum": "repertoire.models.Goal.Status",
        "GoalTypeEnum": "repertoire.models.Goal.Type",
        "AnnotationTypeEnum": "repertoire.models.ScoreAnnotation.Type",
        # Sync's change type and the dictionary's term type are also fields called `type`.
        "EntityTypeEnum": "sync.models.ENTITY_TYPES",
        "TermTypeEnum": "dictionary.models.choices.TermType",
        # The practice API's logbook types, plan types and template visibility.
        "LogbookTypeEnum": "repertoire.logbook.LOGBOOK_TYPES",
        "PlanTypeEnum": "repertoire.practice_shapes.PLAN_TYPES",
        "TemplateVisibilityEnum": "repertoire.practice_shapes.VISIBILITIES",
        "SessionStatusEnum": "repertoire.selectors.practice_sessions.STATUSES",
        "ActivityTypeEnum": "repertoire.logbook.ACTIVITY_TYPES",
        "ActivityKeyEnum": "progress.api.serializers.analytics.ACTIVITY_KEYS",
        "VisibilityEnum": "scores.models.choices.Visibility",
    }
)
# Practice API writes (logs, quick logs, sessions, templates): a scope of their own.
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["practice"] = env("THROTTLE_PRACTICE", default="240/min")
# Parsed logbooks each process keeps for analytics reads, keyed by the feed head so never
# stale (repertoire/selectors/parsed_logbooks.py): at most this many entries in all (about
# 2 KB each); 0 turns it off.
LOGBOOK_CACHE_ENTRIES = env.int("LOGBOOK_CACHE_ENTRIES", default=20_000)
# An open practice session nothing touched for this long is closed by `close_idle_sessions`.
PRACTICE_SESSION_IDLE_MINUTES = env.int("PRACTICE_SESSION_IDLE_MINUTES", default=180)

# --- progress ---
# Monthly PDF reports are CPU-heavy (a chart and a layout): their own, stricter throttle scope.
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["report"] = env("THROTTLE_REPORT", default="30/min")
# Most favourites one user may keep; beyond it, adding one is a 409.
SCORES_FAVORITES_MAX = env.int("SCORES_FAVORITES_MAX", default=5000)
# fontTools logs every font subset at INFO while a report is written; keep the log readable.
LOGGING["loggers"].update({"fontTools": {"level": "WARNING"}, "matplotlib": {"level": "WARNING"}})

# --- realtime ---
# WebSocket sync (docs/realtime.md): Django Channels behind gunicorn's uvicorn worker.
INSTALLED_APPS += ["channels", "sync.realtime"]
ASGI_APPLICATION = "mirubato.asgi.application"
# Modules whose `websocket_urlpatterns` the ASGI entry point mounts (as ROOT_URLCONF for HTTP).
WEBSOCKET_ROUTES = ["sync.routing", "legacy.routing"]
# One group per user; the layer carries "these changes committed" between processes. In memory
# it reaches only sockets of the same process, so `make run` uses one worker without Redis.
# https://channels.readthedocs.io/en/stable/topics/channel_layers.html
REALTIME_REDIS_URL = env("REALTIME_REDIS_URL", default=REDIS_URL)
REALTIME_LAYER_CAPACITY = env.int("REALTIME_LAYER_CAPACITY", default=1000)
if REALTIME_REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [REALTIME_REDIS_URL],
                "prefix": env("REALTIME_LAYER_PREFIX", default="mirubato:ws"),
                "capacity": REALTIME_LAYER_CAPACITY,
            },
        }
    }
else:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels.layers.InMemoryChannelLayer",
            "CONFIG": {"capacity": REALTIME_LAYER_CAPACITY},
        }
    }
REALTIME_MAX_CONNECTIONS_PER_USER = env.int("REALTIME_MAX_CONNECTIONS_PER_USER", default=10)
REALTIME_MAX_MESSAGE_BYTES = env.int("REALTIME_MAX_MESSAGE_BYTES", default=1024 * 1024)
REALTIME_MESSAGES_PER_MINUTE = env.int("REALTIME_MESSAGES_PER_MINUTE", default=100)
# Clients PING every 30 s; a socket that says nothing for this long is closed.
REALTIME_IDLE_TIMEOUT_SECONDS = env.int("REALTIME_IDLE_TIMEOUT_SECONDS", default=300)
# Time to send AUTH after connecting, and to re-authenticate after REAUTH_REQUIRED.
REALTIME_AUTH_TIMEOUT_SECONDS = env.int("REALTIME_AUTH_TIMEOUT_SECONDS", default=10)
# A socket's claim on a connection slot (Redis) lapses this long after its process stops renewing.
REALTIME_CONNECTION_LEASE_SECONDS = env.int("REALTIME_CONNECTION_LEASE_SECONDS", default=90)
# Changes per SYNC_CHUNK / CHANGES message.
REALTIME_CHUNK_SIZE = env.int("REALTIME_CHUNK_SIZE", default=100)
# A commit's CHANGES frame travels through the channel layer up to this size; a larger one is
# announced without it and each socket reads the feed in pages.
REALTIME_MAX_EVENT_BYTES = env.int("REALTIME_MAX_EVENT_BYTES", default=512 * 1024)
# Browsers must come from the API's own hosts or the CORS origins (the SPA); others are refused.
REALTIME_ALLOWED_ORIGINS = env.list(
    "REALTIME_ALLOWED_ORIGINS", default=[*ALLOWED_HOSTS, *CORS_ALLOWED_ORIGINS]
)
# A socket re-checks that its login still exists before live delivery at most this often (a
# logout is also announced at once); after a logout, its sockets close with 4401.
REALTIME_LOGIN_CHECK_SECONDS = env.int("REALTIME_LOGIN_CHECK_SECONDS", default=5)

# --- legacy ---
# The original web client (docs/web-client.md). Its sign-in answers also set an httpOnly
# `refresh-token` cookie; this is the cookie's Domain (e.g. ".example.org" when the SPA and
# the API are on sibling hosts). Empty: no Domain attribute, the cookie stays on the API's host.
# https://developer.mozilla.org/en-US/docs/Web/HTTP/Cookies#define_where_cookies_are_sent
LEGACY_COOKIE_DOMAIN = env("LEGACY_COOKIE_DOMAIN", default="") or None

# --- operations ---
# Observability and cron records (docs/operations.md).
# A proxy's X-Request-ID is kept when it is a short safe token; False: always make a new one.
REQUEST_ID_FROM_PROXY = env.bool("REQUEST_ID_FROM_PROXY", default=True)
CORS_ALLOW_HEADERS += ["x-request-id"]
CORS_EXPOSE_HEADERS += ["X-Request-ID"]
# /metrics (Prometheus): with METRICS_TOKEN set, scrapes send `Authorization: Bearer <token>`;
# without it the endpoint answers loopback clients in DEBUG only, and is off (404) otherwise.
# Prometheus scrapes the host's internal address over plain HTTP: add it to ALLOWED_HOSTS.
# Under gunicorn, worker figures are added up from PROMETHEUS_MULTIPROC_DIR (gunicorn.conf.py).
# https://prometheus.github.io/client_python/multiprocess/
METRICS_TOKEN = env("METRICS_TOKEN", default="")
SECURE_REDIRECT_EXEMPT += [r"^metrics$"]
# Run records of management commands (command_runs) kept this long, per command.
COMMAND_RUNS_RETENTION_DAYS = env.int("COMMAND_RUNS_RETENTION_DAYS", default=30)
