"""Settings for KiểuMẫu. Everything that differs between machines comes from the environment.

DATABASE_URL   default sqlite:///<repo>/db.sqlite3 (zero set-up); postgres://... in production
SECRET_KEY     required when DEBUG is off
DEBUG          "1"/"true" to enable; default on only when no SECRET_KEY is given
ALLOWED_HOSTS  comma-separated; default localhost names
MEDIA_ROOT     where evidence files are kept; default <repo>/media
HTTPS          "1" in production behind the TLS proxy: SSL redirect, HSTS (HSTS_SECONDS, default one year;
               HSTS_INCLUDE_SUBDOMAINS, HSTS_PRELOAD, default on), secure cookies, X-Forwarded-Proto trusted,
               CSRF_TRUSTED_ORIGINS from ALLOWED_HOSTS. `check --deploy` is clean with DEBUG=0, SECRET_KEY, HTTPS=1.
SECURE_COOKIES default on when DEBUG is off (set 0 only to try the app over plain HTTP on a private network)
REDIS_URL      optional: the cache shared by every app process (redis://host:6379/1); default: each process's memory
TRUSTED_PROXY_COUNT  how many reverse proxies of ours stand in front of the app servers; default 0.
               0: the client address is the connection's (REMOTE_ADDR) and X-Forwarded-For is ignored, because
               anyone can write that header. N > 0: each of our N proxies appends the address it saw, so the
               client is the N-th entry from the right; entries further left were written by the client and are
               ignored. Set it to exactly the number of proxies, or login lockouts can be dodged or aimed at others.

Login and sessions (accounts app):
- django-axes pauses logging in, on /dang-nhap/ and the admin's /quan-tri/login/ alike, after 5 failures for one
  username or from one client address, until 15 minutes pass without a failure (a success does not clear them).
  An administrator lifts it earlier by deleting the access attempt in the admin or with
  `manage.py axes_reset_username NAME` / `axes_reset_ip ADDRESS`.
- django-otp: a user with a confirmed authenticator must enter a code (or a single-use backup code) in each
  session before anything else; after a wrong code the next one is refused for 1, 2, 4, 8 … seconds.
- A session ends after 8 hours without a request; for anyone holding a role that records decisions
  (approver, council member, administrator), a role on a whole province (program staff, reviewer, supervisor)
  or a staff account, after 30 minutes without a request and when the browser closes (accounts/session_policy.py).
"""

from pathlib import Path
import datetime as dt
import os

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "on")


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = _flag("DEBUG", default=not SECRET_KEY)
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accounts.apps.LockoutConfig",  # django-axes, with a Vietnamese name in the admin
    "accounts",
    "audit",
    "units",
    "frameworks",
    "assessments",
    "inbox",
    "roadmaps",
    "agencies",
    "reporting",
    "difficulties",
    "meetings",
    "supervision",
    "summary",
    "workdays",
    "gate",
    "feedback",
    "resources",
    "emulation",
    "surveys",
    "documents",
    "workbooks",
    "api",
    "national",
    "backups",
    "background",
    "health",
    "ninja",  # serves Swagger UI from its own static files (no CDN) when installed as an app
    "django_tasks",
    "django_tasks_db",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",  # Content-Security-Policy on every response (policy below)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "kieumau.middleware.RefuseNulMiddleware",  # U+0000 in a form or URL: refused before any view (PostgreSQL can't store it)
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): this session entered a code
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.session_policy.SessionPolicyMiddleware",  # after messages: says why a session ended
    "accounts.second_factor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a lockout into its page
]

AUTHENTICATION_BACKENDS = [
    "accounts.backends.LockoutBackend",  # django-axes first: a locked-out login never reaches the password check
    "django.contrib.auth.backends.ModelBackend",
]

# Plain inputs and selects written in Python (the entry page has ~135 widgets): kieumau/formrender.py
FORM_RENDERER = "kieumau.formrender.FastRenderer"

ROOT_URLCONF = "kieumau.urls"
WSGI_APPLICATION = "kieumau.wsgi.application"

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
                "accounts.context.national",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo server read while a save is in progress.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
# Vietnamese only: officials' browsers often ask for English, the product must not follow them.
LANGUAGES = [("vi", _("Vietnamese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"  # never served directly: evidence goes through a permission-checked view

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Evidence uploads (criteria evidence files)
EVIDENCE_MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Client address for lockouts (see the docstring): only our own proxies' X-Forwarded-For entries are trusted.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# django-axes: one count per username and one per client address, over both login pages.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A success must not wipe the failures: it would clear the address's count too, so an attacker holding one
# account could log into it between guesses at another. Failures expire with the cool-off instead.
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "accounts.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"  # our Vietnamese page, on every login path
AXES_VERBOSE = False

# django-otp: after n wrong codes in a row the next is refused for FACTOR × 2^(n-1) seconds (1, 2, 4 … 512 s
# after 10): a person retyping is not slowed, guessing a million codes is hopeless.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
OTP_TOTP_ISSUER = "KieuMau"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows keys or backup codes

# Sessions: 8 hours without a request for everyone; 30 minutes and at browser close for those who record
# decisions and for staff (accounts/session_policy.py refreshes the clock at most once a minute).
SESSION_IDLE_TIMEOUT = dt.timedelta(hours=8)
SESSION_IDLE_TIMEOUT_DECISION_ROLES = dt.timedelta(minutes=30)
SESSION_COOKIE_AGE = int(SESSION_IDLE_TIMEOUT.total_seconds())

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = _flag("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = _flag("SECURE_COOKIES", True)

# HTTPS=1 in production (behind our TLS-terminating proxy, which must set X-Forwarded-Proto and strip any the client
# sent): redirect plain HTTP, tell browsers to use HTTPS only (HSTS, one year), secure cookies.
HTTPS = _flag("HTTPS", False)
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = _flag("HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS if h and not h.startswith("[")]

# Content-Security-Policy (django-csp): scripts, styles and everything else only from our own origin — no inline
# script or style anywhere (htmx is told not to inject its indicator style; charts set styles through the DOM,
# which CSP allows); violations are reported to /csp-report/, which logs them (health/views.py, csp_report).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "report-uri": "/csp-report/",
    },
}

# Argon2 for new and changed passwords; older PBKDF2 hashes still log in and are rewritten as Argon2 at that login.
# Django's Argon2, hashed in a thread below the pages' CPU priority (accounts/hashers.py): logins wait, pages do not.
PASSWORD_HASHERS = [
    "accounts.hashers.BackgroundArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]

# Cache of rendered page fragments (kieumau/fragments.py): keyed by the data version read from the database, so a
# per-process cache is correct too. REDIS_URL (e.g. redis://127.0.0.1:6379/1) shares it between the app processes
# and machines in production; without it each process keeps its own in memory (a laptop, the tests).
if os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "kieumau.redis_cache.RedisCache", "LOCATION": os.environ["REDIS_URL"],
                          "KEY_PREFIX": "kieumau", "TIMEOUT": 6 * 3600}}
    # Sessions stay in the database (they survive a cache flush) and are read from the shared cache: one query less
    # on every request. Only with a shared cache: with one cache per process, a logout in one process would not
    # reach the others' copies.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}}}

# E-mail: the console in development; set EMAIL_HOST (and friends) in production.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if os.environ.get("EMAIL_HOST") else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _flag("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kieumau@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Background work: django-tasks with the database backend; `manage.py db_worker` runs the queue and
# `manage.py run_schedule` enqueues the jobs below at their times (Asia/Ho_Chi_Minh). `make run` starts both.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
SCHEDULE = [
    # (job name, "HH:MM" every day, task path)
    ("reminders", os.environ.get("REMINDERS_AT", "07:00"), "reporting.tasks.send_reminders"),
    ("close_ended", "01:00", "background.tasks.close_ended_units"),
    ("feedback", "07:15", "feedback.tasks.daily_upkeep"),  # escalate overdue feedback, close unrated, erase old contacts
    ("derived_figures", "01:30", "background.tasks.refresh_derived_figures"),  # TC16 from the register, as days pass
]

# Citizens' feedback (feedback app). Public writes are limited per client address (gate app): over the limit the
# answer is 429; a client that went over must solve a captcha for a day.
FEEDBACK_POSTS_PER_HOUR = int(os.environ.get("FEEDBACK_POSTS_PER_HOUR", "5"))
FEEDBACK_LOOKUPS_PER_HOUR = int(os.environ.get("FEEDBACK_LOOKUPS_PER_HOUR", "60"))
FEEDBACK_PHOTO_MAX_BYTES = int(os.environ.get("FEEDBACK_PHOTO_MAX_BYTES", str(8 * 1024 * 1024)))
FEEDBACK_CONTACT_MONTHS = int(os.environ.get("FEEDBACK_CONTACT_MONTHS", "12"))  # contact data kept after closure
FEEDBACK_ESCALATE_PROVINCE_AFTER = int(os.environ.get("FEEDBACK_ESCALATE_PROVINCE_AFTER", "3"))  # working days late
FEEDBACK_AUTO_CLOSE_AFTER = int(os.environ.get("FEEDBACK_AUTO_CLOSE_AFTER", "10"))  # working days without a rating
FEEDBACK_TC16_FROM_YEAR = int(os.environ.get("FEEDBACK_TC16_FROM_YEAR", "2026"))  # TC16 from the register from this year
SURVEY_ANSWERS_PER_HOUR = int(os.environ.get("SURVEY_ANSWERS_PER_HOUR", "30"))
