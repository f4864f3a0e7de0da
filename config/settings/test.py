"""pytest: real PostgreSQL and Redis, kept apart from a running demo (own Redis db, own media)."""

import tempfile
from pathlib import Path

from config.settings.base import *  # noqa: F401,F403
from config.settings.base import CACHES, CHANNEL_CAPACITY, CHANNEL_LAYERS, env

# The connection pool of base.py holds here too: Django closes it when pytest-django switches to the
# test database, and the servers and workers tests/conftest.py starts each get a pool of their own.
REDIS_URL = env("TEST_REDIS_URL", "redis://127.0.0.1:6379/9") or ""
CHANNEL_LAYERS["default"]["CONFIG"] = {
    "hosts": [{"address": REDIS_URL, "socket_timeout": None}],
    "prefix": env("MASKLET_CHANNEL_PREFIX", "masklet-test") or "",
    "capacity": CHANNEL_CAPACITY,
}
CACHES["default"]["LOCATION"] = REDIS_URL
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
# A fresh folder per test session (tests/conftest.py removes it); workers get it through MEDIA_ROOT.
MEDIA_ROOT = Path(env("MEDIA_ROOT") or tempfile.mkdtemp(prefix="masklet-media-"))
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEBUG = False
MASKLET = {**MASKLET, "JOB_LOCK_TTL": int(env("MASKLET_JOB_LOCK_TTL", "5") or 5), "INTERACTIVE_TIMEOUT": 120}  # noqa: F405
# Webhook retries after 1, 2, 4... seconds, so a test sees a retry succeed.
MASKLET.update({"WEBHOOK_BACKOFF": int(env("MASKLET_WEBHOOK_BACKOFF", "1") or 1), "WEBHOOK_TIMEOUT": 5})
# Tests run their webhook receivers on this machine.
MASKLET["WEBHOOK_ALLOWED_NETWORKS"] = ["127.0.0.0/8", "::1/128"]
WHITENOISE_USE_FINDERS = True
