"""Settings, read from the environment (see the table in README.md).

DJANGO_ENV is one of development, test, production. Production has no insecure defaults: it
refuses DEBUG, a missing or weak SECRET_KEY and an empty ALLOWED_HOSTS.
"""

import datetime
from pathlib import Path

import dj_database_url
import pghistory
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PORTAL_VAR_DIR", str(BASE_DIR / "var")))

DJANGO_ENV = env_choice("DJANGO_ENV", "development", ("development", "test", "production"))
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env_bool("DEBUG", default=DJANGO_ENV == "development")
if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off when DJANGO_ENV=production")
    SECRET_KEY = env_str("SECRET_KEY", required=True)
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-"):
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 random characters in production")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must name the portal's host names in production")
else:
    SECRET_KEY = env_str("SECRET_KEY", "django-insecure-development-only-key-not-for-production-use")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "guardian",
    "axes",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "django_filters",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "bureau",
    "bureau.security",
    "firms",
    "casework",
    "partybuild",
    "inspections",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Strips NUL and other control characters from query strings, forms and cookies (no 500s).
    "bureau.middleware.ControlCharacterMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Renews the session's idle timeout (once a minute at most): its response step runs before
    # SessionMiddleware saves the session.
    "bureau.security.middleware.SessionRenewalMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login unless its view is marked login_not_required (public pages, /healthz).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Second factor, forced password change: a signed-in user reaches nothing else before them.
    "bureau.security.middleware.SignInPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Attaches the request's user and URL to every audit event written during the request.
    "pghistory.middleware.HistoryMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # gunicorn serves the collected static files itself; runserver and the test server use finders.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "bureau.urls"
WSGI_APPLICATION = "bureau.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bureau.context_processors.portal",
            ],
            # {% load i18n %} loads Django's tags with {% translate %} of a constant text remembered
            # per language (a column label on every row of a list is translated once).
            "libraries": {"i18n": "bureau.templatetags.portal_i18n"},
        },
    },
]
# That override is the point: the check warns of any library named like one of Django's own.
SILENCED_SYSTEM_CHECKS = ["templates.W003"]

# A memory cache in each process, for rendered fragments that are the same for every user of a role
# (the menu, templates/_nav_items.html): never user data, never a decision.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"}}

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", "postgres://portal@127.0.0.1:54329/portal"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
# No request waits on a hung PostgreSQL: connecting gives up after DATABASE_CONNECT_TIMEOUT
# seconds (libpq's minimum is 2) and a statement after DATABASE_STATEMENT_TIMEOUT_MS. Background
# jobs get JOB_STATEMENT_TIMEOUT_MS instead (set on each worker connection, see bureau.celery).
DATABASE_STATEMENT_TIMEOUT_MS = env_int("DATABASE_STATEMENT_TIMEOUT_MS", 30_000, minimum=0)
JOB_STATEMENT_TIMEOUT_MS = env_int("JOB_STATEMENT_TIMEOUT_MS", 10 * 60_000, minimum=0)
DATABASES["default"].setdefault("OPTIONS", {}).update(
    {
        "connect_timeout": env_int("DATABASE_CONNECT_TIMEOUT", 2, minimum=1),
        "options": f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}",
    }
)
# The role the application runs as (no superuser, owns no table); `migrate`, run as the owner,
# grants it what it needs (bureau.dbroles). Empty: no separate role.
DATABASE_APP_ROLE = env_str("DATABASE_APP_ROLE", "portal_app")
if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:63799/0")
if DJANGO_ENV == "test" and env_str("PYTEST_XDIST_WORKER", ""):
    # Parallel test runners (pytest-xdist: gw0, gw1, ...) each have a test database of their own;
    # each gets a Redis database of its own too, so that a Celery worker started by one runner
    # never takes another's jobs. Processes a runner starts inherit the variable and agree.
    _runner = int(env_str("PYTEST_XDIST_WORKER", "")[2:] or 0)
    _server, _db = REDIS_URL.rsplit("/", 1)
    REDIS_URL = f"{_server}/{(int(_db or 0) + 8 + _runner) % 16}"
# Connect and socket timeout (seconds) on every Redis call made by a request: publishing a job,
# the health check. A hung Redis costs a request at most about two of these.
REDIS_TIMEOUT = env_int("REDIS_TIMEOUT_MS", 800, minimum=100) / 1000

AUTH_USER_MODEL = "bureau.User"
AUTHENTICATION_BACKENDS = [
    # django-axes must come first so that locked-out credentials are refused before checking.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# The password policy (GB/T 22239-2019 identification): every message is in Chinese.
PASSWORD_HISTORY_COUNT = env_int("PASSWORD_HISTORY_COUNT", 5, minimum=1)
# Days until a password expires and must be changed at sign-in; 0 turns expiry off.
PASSWORD_MAX_AGE_DAYS = env_int("PASSWORD_MAX_AGE_DAYS", 90, minimum=0)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "bureau.security.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "bureau.security.passwords.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "bureau.security.passwords.UsernameValidator"},
    {"NAME": "bureau.security.passwords.CommonPasswordValidator"},
    {"NAME": "bureau.security.passwords.HistoryValidator"},
]
if DJANGO_ENV == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after 30 idle minutes and when the browser closes. Activity renews a session at
# most once a minute (bureau.security.middleware.SessionRenewalMiddleware) rather than writing its
# row on every request: an idle session ends up to a minute early, never late.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60, minimum=60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_SECONDS = min(60, SESSION_COOKIE_AGE // 10)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Lockout after repeated failures, keyed on the pair (username, IP address).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_MINUTES = env_int("AXES_COOLOFF_MINUTES", 30, minimum=1)
AXES_COOLOFF_TIME = AXES_COOLOFF_MINUTES / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0, minimum=0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
AXES_VERBOSE = False

# Two-factor sign-in (TOTP, django-otp) for these roles; add firm_director and inspector to
# extend it to the firms and the inspectors.
TWO_FACTOR_ROLES = env_list("TWO_FACTOR_ROLES", ["bureau_admin", "bureau_staff"])
# The second step has its own lockout: this many wrong codes in a row lock it for the cool-off.
OTP_FAILURE_LIMIT = env_int("OTP_FAILURE_LIMIT", 5, minimum=1)
OTP_COOLOFF_MINUTES = env_int("OTP_COOLOFF_MINUTES", AXES_COOLOFF_MINUTES, minimum=1)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "律师行业监管平台")
# The portal's own lockout replaces django-otp's growing delays between attempts.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
OTP_RECOVERY_CODES = 10
DEMO_TOTP_SECRET = env_str("DEMO_TOTP_SECRET")

# The sign-in log is kept at least 180 days (GB/T 22239-2019 asks for six months); the pruning
# task never deletes younger rows, and the database refuses it too.
SIGNIN_LOG_RETENTION_DAYS = env_int("SIGNIN_LOG_RETENTION_DAYS", 180, minimum=180)

# django-guardian: no anonymous user row; object permissions only for signed-in users.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Installed from the npm registry by the set-up (package-lock.json), served locally.
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
# Where `manage.py backup` writes its archives (database dump plus MEDIA_ROOT, see README).
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(VAR_DIR / "backups")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# Celery: late acknowledgement and re-queue when a worker process dies, one task prefetched
# at a time, and hard time limits well below the broker's visibility timeout, so that a task
# is never delivered twice merely because it ran long.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 2 * 60 * 60, minimum=60)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_BROKER_VISIBILITY_TIMEOUT}
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 30 * 60, minimum=10)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 30
if CELERY_TASK_TIME_LIMIT >= CELERY_BROKER_VISIBILITY_TIMEOUT:
    raise ImproperlyConfigured("CELERY_TASK_TIME_LIMIT must be below CELERY_VISIBILITY_TIMEOUT")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT
CELERY_BROKER_TRANSPORT_OPTIONS.update(
    {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT}
)
CELERY_TIMEZONE = TIME_ZONE
# Jobs hold a lease (bureau.jobs): a running job renews its heartbeat every JOB_HEARTBEAT_SECONDS;
# beat's watch_jobs (every JOB_WATCH_SECONDS) queues again, or after JOB_MAX_ATTEMPTS fails with
# "worker lost", a job whose heartbeat is older than JOB_LEASE_SECONDS, long before the broker's
# visibility timeout would redeliver its message. Queued jobs the broker never got are sent at the
# next watch; those sent more than JOB_RESEND_SECONDS ago are sent again (duplicates are harmless).
JOB_LEASE_SECONDS = env_int("JOB_LEASE_SECONDS", 2 * 60, minimum=2)
JOB_HEARTBEAT_SECONDS = max(1, JOB_LEASE_SECONDS // 4)
JOB_WATCH_SECONDS = env_int("JOB_WATCH_SECONDS", 30, minimum=1)
JOB_MAX_ATTEMPTS = env_int("JOB_MAX_ATTEMPTS", 3, minimum=1)
JOB_RESEND_SECONDS = env_int("JOB_RESEND_SECONDS", 10 * 60, minimum=60)
if JOB_LEASE_SECONDS >= CELERY_BROKER_VISIBILITY_TIMEOUT:
    raise ImproperlyConfigured("JOB_LEASE_SECONDS must be below CELERY_VISIBILITY_TIMEOUT")
CELERY_BEAT_SCHEDULE = {
    "watch-jobs": {"task": "bureau.tasks.watch_jobs", "schedule": JOB_WATCH_SECONDS},
    "prune-signin-log": {"task": "bureau.security.tasks.prune_signin_events", "schedule": 24 * 60 * 60},
    "verify-audit-chain": {"task": "bureau.security.tasks.verify_audit_chain", "schedule": 7 * 24 * 60 * 60},
}

# Reminders (bureau.notifications): the daily task runs at NOTIFY_DAILY_HOUR:MINUTE (local time) and
# reminds of each registered deadline NOTIFY_LEAD_WORKING_DAYS working days before it, on the day,
# and every NOTIFY_OVERDUE_EVERY_DAYS days while it is overdue. Channels besides the portal itself
# are classes named here (an SMS or WeCom channel is one more entry, see channels.Channel).
NOTIFY_LEAD_WORKING_DAYS = env_list("NOTIFY_LEAD_WORKING_DAYS", ["5", "1"])
if not all(d.isdigit() and 0 < int(d) <= 60 for d in NOTIFY_LEAD_WORKING_DAYS):
    raise ImproperlyConfigured("NOTIFY_LEAD_WORKING_DAYS must list working days from 1 to 60, e.g. 5,1")
NOTIFY_LEAD_WORKING_DAYS = sorted({int(d) for d in NOTIFY_LEAD_WORKING_DAYS}, reverse=True)
NOTIFY_OVERDUE_EVERY_DAYS = env_int("NOTIFY_OVERDUE_EVERY_DAYS", 7, minimum=1)
NOTIFY_DAILY_HOUR = env_int("NOTIFY_DAILY_HOUR", 7, minimum=0, maximum=23)
NOTIFY_DAILY_MINUTE = env_int("NOTIFY_DAILY_MINUTE", 30, minimum=0, maximum=59)
CELERY_BEAT_SCHEDULE["daily-reminders"] = {
    "task": "bureau.notifications.tasks.send_daily_reminders",
    "schedule": crontab(hour=NOTIFY_DAILY_HOUR, minute=NOTIFY_DAILY_MINUTE),
}
# Celery finds bureau.tasks by itself; the reminders' tasks sit in a module of their own.
CELERY_IMPORTS = ["bureau.notifications.tasks"]
# Local rules of the deadlines the apps remind of (their <app>/deadlines.py): standardisation
# ratings are reminded this many days before they expire; the annual assessment (年度检查考核)
# of the past year runs between these two days (month-day); the bureau acknowledges a sensitive
# case filing, and an inspector verifies a rectification report, within these working days.
RATING_EXPIRY_NOTICE_DAYS = env_int("RATING_EXPIRY_NOTICE_DAYS", 90, minimum=1)
FIRM_ASSESSMENT_OPENS = env_str("FIRM_ASSESSMENT_OPENS", "03-01")
FIRM_ASSESSMENT_CLOSES = env_str("FIRM_ASSESSMENT_CLOSES", "05-31")
for _name in ("FIRM_ASSESSMENT_OPENS", "FIRM_ASSESSMENT_CLOSES"):
    try:
        datetime.date.fromisoformat(f"2001-{globals()[_name]}")
    except ValueError:
        raise ImproperlyConfigured(f"{_name} must be a month and day, e.g. 03-01") from None
SENSITIVE_REVIEW_WORKING_DAYS = env_int("SENSITIVE_REVIEW_WORKING_DAYS", 3, minimum=1)
VERIFICATION_WORKING_DAYS = env_int("VERIFICATION_WORKING_DAYS", 10, minimum=1)
NOTIFICATION_CHANNELS = env_list("NOTIFICATION_CHANNELS", ["bureau.notifications.channels.EmailChannel"])
# Links in e-mails and calendar events are absolute: the portal's address as its users reach it.
PORTAL_BASE_URL = env_str(
    "PORTAL_BASE_URL", f"https://{ALLOWED_HOSTS[0]}" if PRODUCTION else "http://127.0.0.1:8000"
).rstrip("/")
# E-mail through Django's framework: SMTP from the environment, the console in development.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "portal@localhost")

# PDF documents: a bureau that owns licensed 仿宋_GB2312 / 方正小标宋 fonts names them here.
PDF_BODY_FONT = env_str("PDF_BODY_FONT", "Noto Serif CJK SC")
PDF_TITLE_FONT = env_str("PDF_TITLE_FONT", "Noto Serif CJK SC")
PDF_SANS_FONT = env_str("PDF_SANS_FONT", "Noto Sans CJK SC")

DEMO_PASSWORD = env_str("DEMO_PASSWORD")

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO" if PRODUCTION else "WARNING")},
}

PORTAL_NAME = _("律师行业监管平台")
# Seconds a process keeps the settings row for the page header (the bureau's name) before reading
# it again; a save shows at once in the process that made it.
HEADER_SETTINGS_SECONDS = env_int("HEADER_SETTINGS_SECONDS", 30, minimum=0)

# Audit trail (django-pghistory): database triggers record every insert, update and delete of a
# tracked model, bulk updates and raw SQL included; the middleware attaches the request's user.
# Events cannot be updated or deleted.
PGHISTORY_APPEND_ONLY = True
PGHISTORY_DEFAULT_TRACKERS = (pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
# GET requests never change regulated records; only writes carry the request's context.
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# pghistory's own events list in the admin shows events once filtered by record or model; the
# unfiltered list of every event is /admin/audit/ (bureau.audit_list), bounded per page.
PGHISTORY_ADMIN_ALL_EVENTS = False

# Content-Security-Policy (django-csp): only the portal's own origin; inline scripts and styles
# only with the response's nonce; no style attributes (pages set widths from data attributes).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        # Bootstrap draws its form and close icons from data: SVG images in its stylesheet.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
