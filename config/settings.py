"""Settings for every environment, read from the environment (12-factor).

Development defaults are safe: DEBUG is off unless asked for, hosts are loopback only, and the
secret key is generated once per checkout. Integrations (Redis, S3, SMTP) are off until configured.
The same module serves production; `manage.py check --deploy` passes when DEBUG is off.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF

from config import embedded_postgres

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / ".data"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SITE_NAME = env.str("SITE_NAME", default="Cultural Commissioning")
SITE_URL = env.str("SITE_URL", default="http://localhost:8000")


def _secret_key() -> str:
    """Use SECRET_KEY when set; otherwise keep a random key for this checkout in .data/."""
    configured = env.str("SECRET_KEY", default="")
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rules.apps.AutodiscoverRulesConfig",
    "django_filters",
    "django_htmx",
    "csp",
    "corsheaders",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "drf_standardized_errors",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # Our apps, lowest layer first.
    "core",
    "accounts",
    "commissioning",
    "providers",
    "tenders",
    "engagement",
    "evaluation",
    "monitoring",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "accounts.middleware.ActiveOrganisationMiddleware",
    "accounts.middleware.RequireMFAMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "accounts.context_processors.organisations",
            ],
            "builtins": ["core.templatetags.govuk"],
        },
    },
]
FORM_RENDERER = "core.forms.GovukFormRenderer"

# Database: DATABASE_URL, or the embedded PostgreSQL under .data/ when it is unset.
DATABASE_URL = env.str("DATABASE_URL", default="") or embedded_postgres.database_url(BASE_DIR)
DATABASES = {"default": environ.Env.db_url_config(DATABASE_URL)}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when configured, otherwise the database-free local-memory cache.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: email is the sign-in; verification is mandatory; MFA by TOTP + recovery codes.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "10/h/ip,5/h/key",
    "confirm_email": "3/5m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
# Recording every request would add five queries to each; sign-in time and IP are enough.
USERSESSIONS_TRACK_ACTIVITY = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(DATA_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=DATA_DIR / "media")

# Uploads on local storage by default; S3-compatible storage when a bucket is configured.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Email: console in development; EMAIL_URL (smtp://user:pass@host:587) elsewhere.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="no-reply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where people write for help, accessibility requests and data-protection questions.
SUPPORT_EMAIL = env.str("SUPPORT_EMAIL", default=DEFAULT_FROM_EMAIL)

# Celery: Redis when REDIS_URL is set, otherwise kombu's filesystem transport under .data/, so the
# worker is a real separate process either way.
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    # A message a worker took but never acknowledged (the worker was killed) goes back on the
    # queue this long after delivery, when a worker starts or polls. Longer than any task may
    # run (CELERY_TASK_TIME_LIMIT), so a slow task is never run twice at once.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=16 * 60)
    }
else:
    _queue_dir = DATA_DIR / "celery" / "queue"
    _processed_dir = DATA_DIR / "celery" / "processed"
    _control_dir = DATA_DIR / "celery" / "control"
    for _folder in (_queue_dir, _processed_dir, _control_dir):
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(_processed_dir),
        # Exchange bindings, which kombu otherwise writes into ./control of the working folder.
        "control_folder": str(_control_dir),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "expire-invitations": {
        "task": "accounts.invitations_expire",
        "schedule": 60 * 60,
    },
    "close-opportunities": {
        "task": "tenders.opportunities_close_due",
        "schedule": 60,
    },
    "remind-expiring-documents": {
        "task": "providers.documents_remind",
        "schedule": crontab(hour=7, minute=0),
    },
    "remind-event-attendees": {
        "task": "engagement.reminders_send",
        "schedule": crontab(minute=5),
    },
    "remind-monitoring-returns": {
        "task": "monitoring.returns_remind",
        "schedule": crontab(hour=7, minute=30),
    },
    "recover-report-jobs": {
        "task": "reports.jobs_recover",
        "schedule": 5 * 60,
    },
}
# Reports are built on their own queue by a worker of their own (`-Q reports --concurrency 1`),
# so a long report never delays emails or closing opportunities on the default queue.
CELERY_TASK_ROUTES = {"reports.generate": {"queue": "reports"}}
# How often a report being built shows a sign of life, and how long a silence means its worker
# was killed (reports.constants explains; the tests shorten both).
REPORTS_HEARTBEAT_SECONDS = env.float("REPORTS_HEARTBEAT_SECONDS", default=5)
REPORTS_ORPHANED_AFTER_SECONDS = env.float("REPORTS_ORPHANED_AFTER_SECONDS", default=30)
# A reports worker lowers its CPU priority by this much (nice) before it forks: a report takes
# a core for seconds, and people's page requests on the same machine should come first.
REPORTS_WORKER_NICENESS = env.int("REPORTS_WORKER_NICENESS", default=10)

# API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: DRF answers a signed-out caller with the first class's challenge, so
        # this gives 401 with `WWW-Authenticate: Token` (as the schema says), not 403.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "core.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="60/minute"),
        "user": env.str("API_THROTTLE_USER", default="600/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "core.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "drf_standardized_errors.handler.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
DRF_STANDARDIZED_ERRORS = {"ENABLE_IN_DEBUG_FOR_UNHANDLED_EXCEPTIONS": True}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{SITE_NAME} API",
    "DESCRIPTION": (
        "Programmes, organisations and the shared commissioning vocabulary. Authenticate with a "
        "session or with `Authorization: Token <key>`. Errors share one format."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "accounts.constants.OrganisationKind",
        "OrganisationTypeEnum": "accounts.constants.OrganisationType",
        "AreaKindEnum": "commissioning.models.AreaKind",
        "DocumentKindEnum": "providers.constants.DocumentKind",
        "ProgrammeStatusEnum": "commissioning.models.ProgrammeStatus",
        "OpportunityStatusEnum": "tenders.constants.Status",
        "QuestionStatusEnum": "tenders.constants.QuestionStatus",
        "BidStatusEnum": "tenders.constants.BidStatus",
        "BidPartnerStatusEnum": "tenders.constants.BidPartnerStatus",
        "CostTypeEnum": "tenders.constants.CostType",
        "EventKindEnum": "engagement.constants.EventKind",
        "EventStatusEnum": "engagement.constants.EventStatus",
        "EventAudienceEnum": "engagement.constants.Audience",
        "RegistrationStatusEnum": "engagement.constants.RegistrationStatus",
        "AttendanceEnum": "engagement.constants.Attendance",
        "MaterialKindEnum": "engagement.constants.MaterialKind",
        "PanelRoleEnum": "evaluation.constants.PanelRole",
        "PanelStatusEnum": "evaluation.constants.PanelStatus",
        "PanelOutcomeEnum": "evaluation.constants.Outcome",
        "ConflictLevelEnum": "evaluation.constants.ConflictLevel",
        "ConflictRulingEnum": "evaluation.constants.ConflictRuling",
        "AssignmentModeEnum": "evaluation.constants.AssignmentMode",
        "AgreementKindEnum": "monitoring.constants.AgreementKind",
        "MonitoringEvidenceKindEnum": "monitoring.constants.EvidenceKind",
        "ReturnStatusEnum": "monitoring.constants.ReturnStatus",
        "MonitoringLevelEnum": "monitoring.constants.MonitoringLevel",
        "ReportingFrequencyEnum": "monitoring.constants.Frequency",
        "TimePointEnum": "monitoring.constants.TimePoint",
        "KpiUnitEnum": "commissioning.models.KpiUnit",
        "ReportJobStatusEnum": "reports.constants.JobStatus",
        "ReportJobStageEnum": "reports.constants.Stage",
        "ValidationErrorEnum": "drf_standardized_errors.openapi_serializers.ValidationErrorEnum.choices",
        "ClientErrorEnum": "drf_standardized_errors.openapi_serializers.ClientErrorEnum.choices",
        "ServerErrorEnum": "drf_standardized_errors.openapi_serializers.ServerErrorEnum.choices",
        "ErrorCode401Enum": "drf_standardized_errors.openapi_serializers.ErrorCode401Enum.choices",
        "ErrorCode403Enum": "drf_standardized_errors.openapi_serializers.ErrorCode403Enum.choices",
        "ErrorCode404Enum": "drf_standardized_errors.openapi_serializers.ErrorCode404Enum.choices",
        "ErrorCode405Enum": "drf_standardized_errors.openapi_serializers.ErrorCode405Enum.choices",
        "ErrorCode406Enum": "drf_standardized_errors.openapi_serializers.ErrorCode406Enum.choices",
        "ErrorCode415Enum": "drf_standardized_errors.openapi_serializers.ErrorCode415Enum.choices",
        "ErrorCode429Enum": "drf_standardized_errors.openapi_serializers.ErrorCode429Enum.choices",
        "ErrorCode500Enum": "drf_standardized_errors.openapi_serializers.ErrorCode500Enum.choices",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_standardized_errors.openapi_hooks.postprocess_schema_enums",
    ],
}

# Open Contracting: the publisher's registered OCID prefix (ask the OCDS helpdesk for one).
OCDS_PREFIX = env.str("OCDS_PREFIX", default="ocds-ccp000")
# 360Giving: the publisher's registered grant identifier prefix (ask 360Giving for one).
THREESIXTY_GIVING_PREFIX = env.str("THREESIXTY_GIVING_PREFIX", default="360G-ccp")

# The open-data feeds are for anyone's website or tool to read: CORS-open, read-only.
CORS_URLS_REGEX = r"^/api/(hsds|360giving)/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

# Content-Security-Policy: no inline script or style anywhere (GOV.UK Frontend and HTMX are
# started from our own module files).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Security: on by default whenever DEBUG is off; each can be turned off behind a TLS proxy that
# already does it.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "pgserver": {"level": "WARNING"},
        # WeasyPrint announces every step and page at INFO; reports listen for pages themselves.
        "weasyprint.progress": {"level": "WARNING"},
    },
}
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
