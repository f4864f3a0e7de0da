#!/usr/bin/env python
"""Django's command-line utility for Masklet."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    # A command is one short-lived process: direct connections, which fail at once when the database
    # is missing, rather than a pool that keeps retrying for its timeout (config/settings/base.py).
    os.environ.setdefault("MASKLET_DB_POOL_MAX", "0")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
