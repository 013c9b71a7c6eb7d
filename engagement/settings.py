"""Settings for Resident Voice, read from the environment.

With nothing set, the portal runs for development on a SQLite file with tasks run
in-process. Production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and
REDIS_URL; `manage.py check --deploy` is clean with those set.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

from engagement.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY")
DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
elif not DEBUG and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-")):
    # It signs sessions, password resets and links, and keys the anonymous survey fingerprints.
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak for production: use at least 50 random characters, for example from "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The page layout alone at /bare-layout/ (no queries): what scripts/bench_pages.py measures pages against.
BARE_LAYOUT_PAGE = env_bool("BARE_LAYOUT_PAGE", False)

# The address residents see in links we send them (emails, texts, letters).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
COUNCIL_NAME = env_str("COUNCIL_NAME", "Lewisham Council")
# The number residents phone for repairs (urgent ones above all), shown wherever we send them there.
# The default is in Ofcom's range for drama, so it can never ring a real line.
REPAIRS_PHONE = env_str("REPAIRS_PHONE", "0808 157 0192")
# How residents reach community relations other than online: letters print all three.
# The default number is in Ofcom's range for drama too.
COUNCIL_PHONE = env_str("COUNCIL_PHONE", "020 7946 0321")
COUNCIL_ADDRESS = env_list("COUNCIL_ADDRESS", ["Community relations", "Town Hall", "Catford", "London", "SE6 4RU"])
COUNCIL_OPENING_HOURS = env_str("COUNCIL_OPENING_HOURS", "Monday to Friday, 9am to 5pm")
SERVICE_NAME = "Resident Voice"

INSTALLED_APPS = [
    # django.contrib.admin, with lists guarded against bad dates in the address (engagement/admin_site.py).
    "engagement.admin_site.ResidentVoiceAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "crispy_forms",
    "crispy_forms_gds",
    "auditlog",
    "engagement",
    "engagement.messaging",
    "events",
    "panels",
    "surveys",
    "tenants_associations",
    "engagement.ballots",
    # Before community projects: its demo names the partner whose social value pays for a project.
    "engagement.partnerships",
    "engagement.community_projects",
    # Last: its demo links to what the other apps' demos made.
    "engagement.decisions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "engagement.middleware.RefuseLargeBodiesMiddleware",
    "engagement.middleware.RefuseNulBytesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The signed-in resident's language, where its translation is complete; English otherwise.
    "engagement.i18n.middleware.ResidentLanguageMiddleware",
    # Who made each recorded change (see AUDITLOG_INCLUDE_TRACKING_MODELS).
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "csp.middleware.CSPMiddleware",
    "engagement.middleware.PrivacyHeadersMiddleware",
]

ROOT_URLCONF = "engagement.urls"
WSGI_APPLICATION = "engagement.wsgi.application"

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
                "engagement.context_processors.service",
            ],
        },
    },
]

# SQLite by default so a fresh checkout runs with nothing else installed.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTH_USER_MODEL = "engagement.User"

# Django's and allauth's, reading the resident record with the account (engagement/auth_backends.py).
# Renamed from theirs: sessions signed in under the old names end, once.
AUTHENTICATION_BACKENDS = [
    "engagement.auth_backends.ModelBackend",
    "engagement.auth_backends.AuthenticationBackend",
]

LANGUAGE_CODE = "en-gb"
# Translations live in locale/<code>/LC_MESSAGES (README: "Translations"). Every language someone
# has started translating is listed; only complete ones are offered and used (engagement/i18n/languages.py).
LOCALE_PATHS = [BASE_DIR / "locale"]
_STARTED_TRANSLATIONS = sorted(
    folder.parent.name.replace("_", "-").lower() for folder in (BASE_DIR / "locale").glob("*/LC_MESSAGES")
)
LANGUAGES = [("en-gb", "English")] + [
    (code, LANG_INFO[code]["name"]) for code in _STARTED_TRANSLATIONS if code in LANG_INFO and code != "en-gb"
]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Not public: every uploaded file is served by its object's view (engagement/protected_files.py);
# nothing is served from here.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "engagement.storage.StaticStorage"},
}

# Uploaded tenancy lists can be large; keep them on disk rather than in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest request body the site reads at all (uploads included), refused from its Content-Length
# before it is read (engagement/middleware.py). Room for the largest tenancy list.
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_MB", 30) * 1024 * 1024

# --- Accounts (django-allauth) -------------------------------------------------
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "my_account"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_UNIQUE_EMAIL = True
# One address per account, changed (and re-verified) in place.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_REDIRECT_URL = "verify_tenancy"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"{SERVICE_NAME}: "
ACCOUNT_SIGNUP_FORM_CLASS = "engagement.forms.signup_fields.ResidentSignupForm"
ACCOUNT_FORMS = {
    name: f"engagement.forms.sign_in.{cls}"
    for name, cls in {
        "signup": "SignupForm",
        "login": "LoginForm",
        "request_login_code": "RequestLoginCodeForm",
        "confirm_login_code": "ConfirmLoginCodeForm",
        "confirm_email_verification_code": "ConfirmEmailVerificationCodeForm",
        "reset_password": "ResetPasswordForm",
        "reset_password_from_key": "ResetPasswordKeyForm",
        "change_password": "ChangePasswordForm",
        "reauthenticate": "ReauthenticateForm",
        "add_email": "AddEmailForm",
    }.items()
}
ACCOUNT_ADAPTER = "engagement.allauth_adapter.AccountAdapter"
# Behind the load balancer, how many proxies add themselves to X-Forwarded-For: rate limits
# (sign-in, letter codes) must count the resident's address, not the balancer's.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Uploaded tenancy lists (household names) are deleted this many days after upload; the import's
# summary stays. A periodic task (beat) does it daily.
TENANCY_IMPORT_FILE_RETENTION_DAYS = env_int("TENANCY_IMPORT_FILE_RETENTION_DAYS", 30)
# Tenancy verification: a resident gets this many tries a day before an officer must help.
TENANCY_VERIFICATION_ATTEMPTS_PER_DAY = env_int("TENANCY_VERIFICATION_ATTEMPTS_PER_DAY", 5)

# --- Audit trail (django-auditlog) ---------------------------------------------
# Which records keep one: engagement/audit.py.
# Foreign keys are shown as what they point to ("TEN-000123"), not as ids.
AUDITLOG_USE_FK_STRING_REPRESENTATION = True
# Who and when is what the trail needs; residents' IP addresses would be more personal data to hold.
AUDITLOG_DISABLE_REMOTE_ADDR = True

# --- Panels ---------------------------------------------------------------------
# Largest terms of reference or meeting paper an officer may upload.
PANELS_DOCUMENT_MAX_BYTES = env_int("PANELS_DOCUMENT_MAX_MB", 10) * 1024 * 1024

# --- Forms ----------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# --- Email ------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds each exchange with the mail server may take (Django's default waits for ever).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Resident Voice <resident.voice@example.gov.uk>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
COMMUNITY_RELATIONS_EMAIL = env_str("COMMUNITY_RELATIONS_EMAIL", "community.relations@example.gov.uk")

# --- Tasks (Celery) ---------------------------------------------------------------
# Without REDIS_URL, tasks run in-process so the portal needs nothing else installed.
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
# How long a request waits on Redis (cache or broker) before carrying on without it. Redis answers
# in a millisecond or two; one that is down or hung must not hold up a page.
REDIS_TIMEOUT_SECONDS = env_int("REDIS_TIMEOUT_MS", 500) / 1000
# allauth's rate limits live in the cache: shared through Redis when there are several web processes,
# and in each process's memory while Redis is away (engagement/cache.py), so sign-in still works.
CACHES = {
    "default": (
        {
            "BACKEND": "engagement.cache.RedisCacheWithFallback",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "rv",
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
                "socket_timeout": REDIS_TIMEOUT_SECONDS,
                "RETRY_AFTER": env_int("REDIS_RETRY_AFTER_SECONDS", 10),
            },
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery closes the database connection around every task unless told to keep it: a worker sending
# a bulk send would connect again for each batch. Kept, it is still replaced when broken or older
# than DB_CONN_MAX_AGE (engagement/celery.py), as Django does between requests.
CELERY_DB_REUSE_MAX = env_int("CELERY_DB_REUSE_MAX", 1000)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# A publish to a broker that is down or hung gives up within about a second (the message is safe in
# the outbox, and the sweep hands it over when Redis is back). A hung Redis accepts connections and
# never answers: only a socket timeout ends the wait.
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT_SECONDS
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
    "socket_timeout": REDIS_TIMEOUT_SECONDS,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}

# --- Security ---------------------------------------------------------------------
# Scripts, styles, images and fonts from this site only; GOV.UK Frontend's one inline script
# (which marks the page as having JavaScript) carries the request's nonce. Style attributes are
# allowed (admin and a few pages set widths with them): they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "engagement.views.pages.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# --- Messages -----------------------------------------------------------------------
# Which sender carries each channel. Production uses GOV.UK Notify; development keeps
# everything local (emails to the console, texts and letters readable in admin).
MESSAGING_CHANNELS = {
    "email": env_str("MESSAGING_EMAIL_CHANNEL", "engagement.messaging.channels.email.DjangoEmailChannel"),
    "text": env_str("MESSAGING_TEXT_CHANNEL", "engagement.messaging.channels.development.DevelopmentTextChannel"),
    "post": env_str("MESSAGING_POST_CHANNEL", "engagement.messaging.channels.development.PrintRoomLetterChannel"),
}
# A message queued this long ago and not handed to a worker (the broker was down) is queued again.
MESSAGING_SWEEP_AFTER_SECONDS = env_int("MESSAGING_SWEEP_AFTER_SECONDS", 120)
# A message handed to the broker this long ago and still queued was lost (Redis restarted, or a
# killed worker held it): it is handed over again. Sooner than the broker's own redelivery (an
# hour); a copy that turns up later does nothing, as only one worker can claim a message.
MESSAGING_REQUEUE_AFTER_SECONDS = env_int("MESSAGING_REQUEUE_AFTER_SECONDS", 900)
# A message "sending" this long belongs to a worker that died; it is checked and sent again.
# A system check keeps it at least twice as long as a send may take (NOTIFY_TIMEOUT_SECONDS…).
MESSAGING_STUCK_AFTER_SECONDS = env_int("MESSAGING_STUCK_AFTER_SECONDS", 600)
MESSAGING_SWEEP_INTERVAL_SECONDS = env_int("MESSAGING_SWEEP_INTERVAL_SECONDS", 60)
# Failed for now (timeouts, 5xx, 429): tried again after 10 s, 20 s, 40 s … at most this many times.
MESSAGING_MAX_ATTEMPTS = env_int("MESSAGING_MAX_ATTEMPTS", 8)
MESSAGING_RETRY_BACKOFF_SECONDS = env_int("MESSAGING_RETRY_BACKOFF_SECONDS", 10)
# How many messages one worker task claims and sends.
MESSAGING_BATCH_SIZE = env_int("MESSAGING_BATCH_SIZE", 250)
# The provider's limit, shared by every worker process through Redis (Notify: 3,000 a minute per key).
# 0 turns it off.
MESSAGING_RATE_LIMIT_PER_MINUTE = env_int("MESSAGING_RATE_LIMIT_PER_MINUTE", 3000)
# The Celery queue messaging tasks go to (empty: Celery's default queue).
MESSAGING_QUEUE = env_str("MESSAGING_QUEUE") or None

# GOV.UK Notify: one generic template per channel with ((subject)) and ((body)) placeholders
# (letters also ((address_line_1)) to ((address_line_7))). Set MESSAGING_*_CHANNEL to
# engagement.messaging.channels.notify.Notify{Email,Text,Letter}Channel to use it.
NOTIFY_API_KEY = env_str("NOTIFY_API_KEY")
NOTIFY_BASE_URL = env_str("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_EMAIL_TEMPLATE_ID = env_str("NOTIFY_EMAIL_TEMPLATE_ID")
NOTIFY_TEXT_TEMPLATE_ID = env_str("NOTIFY_TEXT_TEMPLATE_ID")
NOTIFY_LETTER_TEMPLATE_ID = env_str("NOTIFY_LETTER_TEMPLATE_ID")
NOTIFY_TIMEOUT_SECONDS = env_int("NOTIFY_TIMEOUT_SECONDS", 20)
# The bearer token Notify sends with delivery receipts (set the same in Notify's callback settings).
NOTIFY_CALLBACK_TOKEN = env_str("NOTIFY_CALLBACK_TOKEN")

CELERY_BEAT_SCHEDULE = {
    "sweep-messages": {
        "task": "engagement.messaging.tasks.sweep_messages",
        "schedule": float(MESSAGING_SWEEP_INTERVAL_SECONDS),
        "options": {"queue": MESSAGING_QUEUE} if MESSAGING_QUEUE else {},
    },
    "ward-digests": {
        "task": "engagement.messaging.tasks.send_ward_digests",
        "schedule": crontab(day_of_week="mon", hour=7, minute=0),
        "options": {"queue": MESSAGING_QUEUE} if MESSAGING_QUEUE else {},
    },
    "events-lapse-offers": {"task": "events.tasks.lapse_offers", "schedule": 5 * 60.0},
    "events-reminders": {"task": "events.tasks.send_due_reminders", "schedule": 5 * 60.0},
    # The services keep the reach report's records up to date; this counts anything changed around them.
    "refresh-involvement": {"task": "engagement.tasks.refresh_involvement", "schedule": crontab(hour=2, minute=30)},
    "delete-old-tenancy-files": {
        "task": "engagement.tasks.delete_old_tenancy_files",
        "schedule": crontab(hour=3, minute=15),
    },
}

# --- Events -------------------------------------------------------------------------
# A waiting resident offered a freed place has this long to accept it (never past the start).
EVENTS_OFFER_HOURS = env_int("EVENTS_OFFER_HOURS", 24)
# The lead officer is told when bookings reach this share of the places, and again when full.
EVENTS_NEARLY_FULL_PERCENT = env_int("EVENTS_NEARLY_FULL_PERCENT", 80)
# The longest an officer can set a reminder before the event (two weeks).
EVENTS_MAX_REMINDER_HOURS = env_int("EVENTS_MAX_REMINDER_HOURS", 14 * 24)
# Issue photos larger than this are turned away.
EVENTS_ISSUE_PHOTO_MAX_BYTES = env_int("EVENTS_ISSUE_PHOTO_MAX_BYTES", 5 * 1024 * 1024)

# --- Online sounding board (surveys/) -------------------------------------------------
# Residents may start discussions (each waits for a moderator); staff always can.
DISCUSSIONS_RESIDENTS_MAY_START_TOPICS = env_bool("DISCUSSIONS_RESIDENTS_MAY_START_TOPICS", True)
# Wrong tenancy details allowed per hour from one address before we ask them to wait.
# (Wrong codes from letters are limited by messaging: engagement/messaging/views.py.)
SURVEY_TENANCY_CHECKS_PER_HOUR = env_int("SURVEY_TENANCY_CHECKS_PER_HOUR", 10)
CELERY_BEAT_SCHEDULE["survey-reminders"] = {"task": "surveys.tasks.send_due_survey_reminders", "schedule": 3600.0}
CELERY_BEAT_SCHEDULE["overdue-decisions"] = {
    "task": "engagement.decisions.tasks.tell_owners_of_overdue_decisions",
    "schedule": crontab(hour=8, minute=0),
}
