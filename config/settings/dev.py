"""Local development and `make demo`."""

from config.settings.base import *  # noqa: F401,F403
from config.settings.base import MASKLET, env, env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)

# Serve the built frontend straight from frontend/dist (no collectstatic in development).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# A webhook receiver on this machine is a normal thing to try in development.
MASKLET["WEBHOOK_ALLOWED_NETWORKS"] = (env("MASKLET_WEBHOOK_ALLOWED_NETWORKS", "127.0.0.0/8,::1/128") or "").split(",")
