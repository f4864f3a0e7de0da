"""The Celery application shared by web (to enqueue) and workers (to run).

Queues: `interactive` (clicks: must answer in well under a second), `batch` (propagation and
automatic masklets: long GPU work) and `cpu` (ingest, exports, imports).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("masklet")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["inference", "annotation"])
