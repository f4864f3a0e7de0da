"""Local development and `make demo`."""

from config.settings.base import *  # noqa: F401,F403
from config.settings.base import env, env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
