"""Settings for weiquan. Everything a deployment changes comes from the environment."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("WEIQUAN_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # databases, uploads and mail of a local run live here


def env_flag(name, default=False):
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "weiquan-development-key-not-for-production")
DEBUG = env_flag("DEBUG", True)
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "weiquan.members",
    "weiquan.rulebook",
    "weiquan.audit",
    "weiquan.trades",
    "weiquan.complaints",
    "weiquan.penalties",
    "weiquan.evidence",
    "weiquan.notifications",
    "weiquan.warnings",
    "weiquan.worker",
    "weiquan.screening",
    "weiquan.risk",
    "weiquan.relay",
    "weiquan.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "weiquan.urls"
WSGI_APPLICATION = "weiquan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL=postgres://... selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'weiquan.sqlite3'}",
        conn_max_age=600,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # IMMEDIATE transactions take the write lock up front, so two writers queue
    # instead of one failing with "database is locked" on upgrade.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not memory, so that worker processes started by tests see the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-weiquan.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("WEIQUAN_TEST_DB", "test_weiquan")}

AUTH_USER_MODEL = "members.Member"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"

# People read weiquan in Chinese first.
LANGUAGE_CODE = "zh-hans"
# Each language is named in itself, so the switcher needs no translation.
LANGUAGES = [("zh-hans", "简体中文"), ("zh-hant", "繁體中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static-collected"
MEDIA_ROOT = Path(os.environ.get("WEIQUAN_MEDIA_ROOT", VAR_DIR / "media"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "weiquan@localhost")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))

# Which rulebook is in force when no operator has activated one (see `manage.py rulebook`).
WEIQUAN_RULEBOOK = os.environ.get("WEIQUAN_RULEBOOK", "taobao-003-hiding")
WEIQUAN_RULEBOOK_DIRS = [BASE_DIR / "weiquan" / "rulebook" / "books"]

# Evidence uploads.
WEIQUAN_EVIDENCE_MAX_BYTES = int(os.environ.get("WEIQUAN_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = WEIQUAN_EVIDENCE_MAX_BYTES + 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The contact gate (issue 5). "db" keeps its counters in the database (embedded default);
# "redis" keeps them in Redis so several web processes share one view.
WEIQUAN_GATE_BACKEND = os.environ.get("WEIQUAN_GATE_BACKEND", "db")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
WEIQUAN_GATE_REDIS_PREFIX = os.environ.get("WEIQUAN_GATE_REDIS_PREFIX", "weiquan:gate:")
# Redis backend: how long a process may reuse what it read about a pair (trade, complaints,
# preferences) before re-reading; changes seen by signals invalidate it at once.
WEIQUAN_GATE_FACTS_TTL = float(os.environ.get("WEIQUAN_GATE_FACTS_TTL", "30"))
