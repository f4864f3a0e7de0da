"""Settings shared by every environment. Every secret and address comes from the environment."""

import os
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


SECRET_KEY = env("DJANGO_SECRET_KEY", "insecure-development-key-change-me")
DEBUG = False
ALLOWED_HOSTS = [h for h in (env("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]") or "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    # API tokens hashed at rest, expiring (annotation.models.ApiToken); failed-login lockout.
    "knox",
    "axes",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "channels",
    "annotation",
    "inference",
]

MIDDLEWARE = [
    "config.middleware.DatabaseBusyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: turns a request django-axes marked as locked out into the 429 of the lockout callable.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database connections: each process (web server or worker) draws from one bounded psycopg pool
# (Django's built-in pool), so it never holds more than MASKLET_DB_POOL_MAX connections, however many
# requests, websockets or threads it serves; a request that waits longer than
# MASKLET_DB_POOL_TIMEOUT seconds for one answers 503 (config.middleware). A pool requires
# CONN_MAX_AGE 0: a connection goes back to the pool at the end of each request or task. Health
# checks make the pool drop connections PostgreSQL closed (a restart) instead of handing them out.
# MASKLET_DB_POOL_MAX=0 turns the pool off (a connection per request, e.g. behind PgBouncer).
# Sizing rule (README, "Deployment sizing"): web processes x pool max + worker processes x their
# pool max + headroom <= PostgreSQL max_connections.
DB_POOL_MIN = env_int("MASKLET_DB_POOL_MIN", 1)
DB_POOL_MAX = env_int("MASKLET_DB_POOL_MAX", 8)
DB_POOL_TIMEOUT = float(env("MASKLET_DB_POOL_TIMEOUT", "10") or 10)  # seconds
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/masklet") or "",
        conn_max_age=0,
        conn_health_checks=True,
    )
}
if DB_POOL_MAX > 0:
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": min(DB_POOL_MIN, DB_POOL_MAX),
        "max_size": DB_POOL_MAX,
        "timeout": DB_POOL_TIMEOUT,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes; README, "Security"): after MASKLET_LOGIN_FAILURE_LIMIT failed
# logins for one username, or from one client address, within MASKLET_LOGIN_LOCKOUT_SECONDS, logins
# for that username or from that address answer 429 with Retry-After until that many seconds have
# passed since the last failure (a failure during the lockout starts it again). Attempts live in
# the database, so every web process sees them. The client address is REMOTE_ADDR, which uvicorn
# --proxy-headers takes from X-Forwarded-For when the proxy is trusted (FORWARDED_ALLOW_IPS).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("MASKLET_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(seconds=env_int("MASKLET_LOGIN_LOCKOUT_SECONDS", 900))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Not axes' own reset on success: it deletes every failure from the client's address, those for
# other usernames included (a login to one's own account would clear the guesses at another's).
# A successful login forgets only the failures of that username from that address
# (annotation.services.accounts.login_failures_forget).
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "annotation.api.lockout.lockout_response"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_VERBOSE = False  # no banner on every start (it would precede command output)

# API tokens (django-rest-knox): stored as SHA-512 digests, valid MASKLET_TOKEN_TTL_HOURS hours,
# sent as `Authorization: Token <key>` (the header the SDK and CLI always sent).
KNOX_TOKEN_MODEL = "annotation.ApiToken"
# knox's own token table is swapped out: its migrations would still create it (and its foreign key
# to auth_user would block the TRUNCATE of transactional tests), so they are not run.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=float(env("MASKLET_TOKEN_TTL_HOURS", "720") or 720)),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

# Static files: the built frontend (frontend/dist) is served by WhiteNoise under /static/.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")) or "")
FRONTEND_DIST = BASE_DIR / "frontend" / "dist"
STATICFILES_DIRS = [FRONTEND_DIST] if FRONTEND_DIST.is_dir() else []

# Media storage: local files by default; S3-compatible when MASKLET_S3_BUCKET is set, so that web
# servers and workers on other machines share uploads, frames and exports through the bucket
# (README, "Deployment beyond one machine"). MEDIA_ROOT then holds nothing of the media.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")) or "")
MEDIA_URL = "/media/"


def storages_from(environ: Mapping[str, str]) -> dict:
    """STORAGES for an environment: django-storages' S3Storage when MASKLET_S3_BUCKET is set
    (MASKLET_S3_ADDRESSING_STYLE "path" for MinIO and most servers other than AWS), else local
    files under MEDIA_ROOT. Files are read through Django (frames, exports are served by views that
    check membership), never by public URL."""
    static = {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"}
    if not environ.get("MASKLET_S3_BUCKET"):
        return {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}, "staticfiles": static}
    options = {
        "bucket_name": environ["MASKLET_S3_BUCKET"],
        "endpoint_url": environ.get("MASKLET_S3_ENDPOINT_URL") or None,
        "access_key": environ.get("MASKLET_S3_ACCESS_KEY") or None,
        "secret_key": environ.get("MASKLET_S3_SECRET_KEY") or None,
        "region_name": environ.get("MASKLET_S3_REGION") or None,
        "file_overwrite": True,
        "querystring_auth": True,
    }
    if environ.get("MASKLET_S3_ADDRESSING_STYLE"):
        options["addressing_style"] = environ["MASKLET_S3_ADDRESSING_STYLE"]
    return {"default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}, "staticfiles": static}


STORAGES = storages_from(os.environ)

# Uploads stream to a temporary file past 2.5 MB; the size limit is checked by the upload view.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = env("FILE_UPLOAD_TEMP_DIR")

REDIS_URL = env("REDIS_URL", "redis://127.0.0.1:6379/0") or ""

# Realtime events wait in Redis until the web process holding the sockets reads them, in ONE list
# per process for all its sockets. channels-redis silently drops an event for the whole process
# once that list holds `capacity` events (its default, 100, is passed within seconds when a job
# stores masks while a team edits and the process lags): MASKLET_CHANNEL_CAPACITY events may wait
# (each a few hundred bytes in Redis); events older than 60 s are dropped anyway.
CHANNEL_CAPACITY = env_int("MASKLET_CHANNEL_CAPACITY", 5000)
CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        # redis-py 8 gives connections a 5 s socket timeout, which kills channels-redis' idle
        # blocking reads (django/channels_redis#422): websockets would drop every few seconds.
        "CONFIG": {
            "hosts": [{"address": REDIS_URL, "socket_timeout": None}],
            "prefix": env("MASKLET_CHANNEL_PREFIX", "masklet") or "",
            "capacity": CHANNEL_CAPACITY,
        },
    }
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "masklet",
    }
}

# Celery: Redis broker; results only for the synchronous interactive prompts.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", REDIS_URL)
CELERY_RESULT_EXPIRES = 600
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "cpu"
CELERY_TASK_ROUTES = {
    "inference.tasks.segment_prompt": {"queue": "interactive"},
    # The job reconciler: a few queries, on the one queue that never waits behind long work.
    "annotation.tasks.reconcile_jobs": {"queue": "interactive"},
    "inference.tasks.run_propagation": {"queue": "batch"},
    "inference.tasks.run_automasklets": {"queue": "batch"},
    "inference.tasks.run_concepts": {"queue": "batch"},
    "annotation.tasks.*": {"queue": "cpu"},
}
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Seconds between two passes of the job reconciler (annotation/jobs/recovery.py), run by `celery
# beat`; a pass not started within one period is dropped (the next one does the same work).
JOB_RECONCILE_PERIOD = float(env("MASKLET_JOB_RECONCILE_PERIOD", "15") or 15)
EXPORT_CLEANUP_PERIOD = float(env("MASKLET_EXPORT_CLEANUP_PERIOD", "3600") or 3600)
CELERY_BEAT_SCHEDULE = {
    "reconcile-jobs": {
        "task": "annotation.tasks.reconcile_jobs",
        "schedule": JOB_RECONCILE_PERIOD,
        "options": {"expires": JOB_RECONCILE_PERIOD},
    },
    # Deletes export files older than MASKLET EXPORT_TTL_HOURS (annotation/services/exports_log.py).
    "expire-exports": {
        "task": "annotation.tasks.expire_exports",
        "schedule": EXPORT_CLEANUP_PERIOD,
        "options": {"expires": EXPORT_CLEANUP_PERIOD},
    },
    # Deletes expired API tokens (authentication checks only the token a request presents).
    "purge-expired-tokens": {
        "task": "annotation.tasks.purge_expired_tokens",
        "schedule": EXPORT_CLEANUP_PERIOD,
        "options": {"expires": EXPORT_CLEANUP_PERIOD},
    },
}

# A CSRF refusal under /api/ answers the API's JSON error body (annotation/api/errors.py).
CSRF_FAILURE_VIEW = "annotation.api.errors.csrf_failure"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "annotation.api.authentication.TokenAuthentication",
        "annotation.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON that PostgreSQL cannot store (NUL characters) or Python cannot parse (deep nesting) is a 400.
    "DEFAULT_PARSER_CLASSES": [
        "annotation.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "annotation.api.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "annotation.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Masklet API",
    "DESCRIPTION": "Collaborative video segmentation with SAM 2: projects, videos, masklets, "
    "propagation and automatic masklets, review, exports.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI served from our own static files: the docs page works offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # A member's `role` and a project's `my_role` are one choice set: one enum in generated types.
    "ENUM_NAME_OVERRIDES": {
        "RoleEnum": "annotation.models.projects.Role",
        "MaskletStatusEnum": "annotation.models.masklets.MaskletStatus",
        "TaskStateEnum": "annotation.models.tasks.TaskState",
        "WebhookEventEnum": "annotation.models.delivery.WebhookEvent",
        "DeliveryStatusEnum": "annotation.models.delivery.DeliveryStatus",
        "ModelRoleEnum": "annotation.jobs.routing.ROLES",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # API tokens never reach the logs (uvicorn's own loggers: config/uvicorn-logging.json).
    "filters": {"redact_tokens": {"()": "annotation.realtime.log_redaction.RedactTokens"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_tokens"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # django-axes logs failed logins and lockouts as warnings; its per-success notes are left out.
    "loggers": {"django.request": {"level": "ERROR"}, "axes": {"level": "WARNING"}},
}

# --- Masklet -----------------------------------------------------------------------------------
MASKLET = {
    # Delivery: export files are deleted this many hours after their export finished (the
    # past-exports list keeps the row, marked expired); 0 keeps them forever.
    "EXPORT_TTL_HOURS": float(env("MASKLET_EXPORT_TTL_HOURS", "168") or 168),
    # Webhooks: seconds a receiver has to answer; retries after a failed attempt (Celery's
    # retry_backoff: BACKOFF * 2**n seconds, at most BACKOFF_MAX), then the delivery is failed.
    "WEBHOOK_TIMEOUT": float(env("MASKLET_WEBHOOK_TIMEOUT", "10") or 10),
    "WEBHOOK_MAX_RETRIES": env_int("MASKLET_WEBHOOK_MAX_RETRIES", 6),
    "WEBHOOK_BACKOFF": env_int("MASKLET_WEBHOOK_BACKOFF", 10),
    "WEBHOOK_BACKOFF_MAX": env_int("MASKLET_WEBHOOK_BACKOFF_MAX", 3600),
    # Webhook targets must be public addresses: private, loopback, link-local (cloud metadata),
    # reserved and multicast ones are refused, so a project manager cannot make the server call
    # into its own network, unless in these networks (comma-separated CIDRs, e.g. an intranet
    # receiver's "10.20.0.0/16"). annotation/services/webhooks.py:target_refusal.
    "WEBHOOK_ALLOWED_NETWORKS": (env("MASKLET_WEBHOOK_ALLOWED_NETWORKS", "") or "").split(","),
    # Inference: "auto" = SAM 2 when a checkpoint is configured, else the OpenCV backend; "sam2",
    # "opencv", "edgetam" or "sam3" choose one.
    "INFERENCE_BACKEND": env("MASKLET_BACKEND", "auto"),
    "SAM2_CHECKPOINT": env("MASKLET_SAM2_CHECKPOINT", ""),
    "SAM2_CONFIG": env("MASKLET_SAM2_CONFIG", "") or None,
    "SAM2_IMAGE_SIZE": env_int("MASKLET_SAM2_IMAGE_SIZE", 0) or None,
    # Local Hugging Face model folders of EdgeTAM and SAM 3 (MASKLET_BACKEND=edgetam or sam3);
    # nothing is downloaded (inference/engine/hf_backends.py).
    "EDGETAM_MODEL": env("MASKLET_EDGETAM_MODEL", "") or None,
    "SAM3_MODEL": env("MASKLET_SAM3_MODEL", "") or None,
    "INFERENCE_DEVICE": env("MASKLET_DEVICE", "auto"),
    "FEATURE_CACHE_BYTES": env_int("MASKLET_FEATURE_CACHE_MB", 512) * 1024 * 1024,
    "TORCH_THREADS": env_int("MASKLET_TORCH_THREADS", 0) or None,
    # Opt-in torch.compile: "off", "encoder" (the image encoder) or "vos" (sam2's VOS-optimised
    # predictor: encoder, memory attention and encoder, prompt encoder and mask decoder). For GPUs;
    # the first frames after a worker starts are slow while it compiles.
    "COMPILE": env("MASKLET_COMPILE", "off") or "off",
    # Conditioning frames (prompted or corrected) SAM 2 attends to when it tracks a frame: the
    # nearest in time (sam2's max_cond_frames_in_attn; -1: all, which grows with corrections).
    "MAX_COND_FRAMES": env_int("MASKLET_MAX_COND_FRAMES", 8),
    # Local disk (MB) per SAM 2 session for tracking state outside the model's memory window,
    # read back when a frame there is corrected (inference/engine/sam2_spill.py).
    "STATE_SPILL_BYTES": env_int("MASKLET_STATE_SPILL_MB", 2048) * 1024 * 1024,
    # Model roles (annotation/jobs/routing.py): the model name serving each role, e.g.
    # MASKLET_MODEL_RAPID=edgetam, MASKLET_MODEL_ACCURATE=sam2, MASKLET_MODEL_CONCEPT=sam3. A job or
    # click of a mapped role goes to the queues only workers holding that model consume
    # (batch.model.<name>, interactive.model.<name>); an unmapped role (or none mapped, one model
    # deployed) uses the shared queues, served by any worker.
    "MODEL_ROLES": {
        role: name
        for role, name in (
            ("rapid", env("MASKLET_MODEL_RAPID", "")),
            ("accurate", env("MASKLET_MODEL_ACCURATE", "")),
            ("concept", env("MASKLET_MODEL_CONCEPT", "")),
        )
        if name
    },
    # The model a worker holds, as roles name it; empty: its backend's name (sam2, edgetam, sam3,
    # opencv). Two workers of one backend with different checkpoints need different names.
    "MODEL_NAME": env("MASKLET_MODEL_NAME", "") or "",
    # Concept prompts: a proposal whose mask IoU with a mask already on the frame where it first
    # appears exceeds this is dropped (a project's concepts.dedup_iou overrides it).
    "CONCEPT_DEDUP_IOU": float(env("MASKLET_CONCEPT_DEDUP_IOU", "0.5") or 0.5),
    # Automatic masklets: a proposal whose mask IoU with a mask already on its key frame exceeds
    # this is dropped (a project's automask.dedup_iou overrides it).
    "AUTOMASK_DEDUP_IOU": float(env("MASKLET_AUTOMASK_DEDUP_IOU", "0.5") or 0.5),
    # Interactive sessions (one per video) a worker keeps open between clicks.
    "INTERACTIVE_SESSIONS": env_int("MASKLET_INTERACTIVE_SESSIONS", 4),
    # Seconds the interactive worker that answered a video's last click keeps receiving its
    # clicks (it holds the video's warm SAM 2 session); refreshed by every click.
    "VIDEO_WORKER_TTL": env_int("MASKLET_VIDEO_WORKER_TTL", 3600),
    # Seconds a click waits for the interactive worker before answering 503.
    "INTERACTIVE_TIMEOUT": env_int("MASKLET_INTERACTIVE_TIMEOUT", 60),
    # Each worker announces the queues it consumes every WORKER_ANNOUNCE_PERIOD seconds; one not
    # heard for WORKER_TTL seconds no longer counts, and a click with no worker on the interactive
    # queue answers 503 at once instead of after INTERACTIVE_TIMEOUT.
    "WORKER_ANNOUNCE_PERIOD": float(env("MASKLET_WORKER_ANNOUNCE_PERIOD", "5") or 5),
    "WORKER_TTL": float(env("MASKLET_WORKER_TTL", "15") or 15),
    # Frame masks written per database transaction during propagation.
    "MASK_BATCH_SIZE": env_int("MASKLET_MASK_BATCH_SIZE", 8),
    # Propagation pipeline: frames read ahead of the model, and threads that clean up and
    # RLE-encode masks beside it (inference/bridge/pipeline.py).
    "FRAME_PREFETCH": max(1, env_int("MASKLET_FRAME_PREFETCH", 4)),
    # Unset: 2 where the model leaves cores for them (a GPU, spare CPU cores), else 0 (the clean-up
    # runs in the model's thread between frames): inference/bridge/engine.py:pipeline_threads.
    "PIPELINE_THREADS": int(os.environ["MASKLET_PIPELINE_THREADS"]) if os.environ.get("MASKLET_PIPELINE_THREADS") else None,
    # A running job holds a Redis lock with this time-to-live, refreshed as it works; a job whose
    # lock lapsed belongs to a dead worker and is resumed.
    "JOB_LOCK_TTL": env_int("MASKLET_JOB_LOCK_TTL", 60),
    # The reconciler (run every JOB_RECONCILE_PERIOD seconds) sends a queued job again when it was
    # sent this many seconds ago and has not started: its message is presumed lost. A dead
    # worker's job resumes within JOB_LOCK_TTL + JOB_RECONCILE_PERIOD seconds (75 by default).
    "JOB_RECONCILE_PERIOD": JOB_RECONCILE_PERIOD,
    "JOB_QUEUED_GRACE": float(env("MASKLET_JOB_QUEUED_GRACE", "60") or 60),
    # Ingest.
    "UPLOAD_MAX_BYTES": env_int("MASKLET_UPLOAD_MAX_BYTES", 4 * 1024**3),
    "MAX_VIDEO_WIDTH": env_int("MASKLET_MAX_VIDEO_WIDTH", 4096),
    "MAX_VIDEO_HEIGHT": env_int("MASKLET_MAX_VIDEO_HEIGHT", 4096),
    "MAX_VIDEO_SECONDS": env_int("MASKLET_MAX_VIDEO_SECONDS", 3 * 3600),
    "MAX_ANNOTATED_FRAMES": env_int("MASKLET_MAX_ANNOTATED_FRAMES", 20000),
    "DISPLAY_MAX_SIDE": env_int("MASKLET_DISPLAY_MAX_SIDE", 1280),
    "FRAMES_ZIP_FPS": float(env("MASKLET_FRAMES_ZIP_FPS", "24") or 24),
    "JPEG_QUALITY": env_int("MASKLET_JPEG_QUALITY", 95),
    # Exports.
    "EXPORT_PREFIX": "exports",
    # Realtime sockets. A connection silent this many seconds is no longer present (the browser
    # sends a heartbeat every 15 s); per socket, client messages beyond the rate (a token bucket
    # of this size) and messages larger than this answer an error event. uvicorn's own frame
    # limit (--ws-max-size, 16 MiB by default) lets larger frames reach the consumer.
    "PRESENCE_TTL": env_int("MASKLET_PRESENCE_TTL", 60),
    # seconds between presence broadcasts of one video from one web process (changes are folded)
    "PRESENCE_BROADCAST_INTERVAL": float(env("MASKLET_PRESENCE_BROADCAST_INTERVAL", "1") or 1),
    "WS_MESSAGES_PER_SECOND": float(env("MASKLET_WS_MESSAGES_PER_SECOND", "5") or 5),
    "WS_MESSAGE_BURST": env_int("MASKLET_WS_MESSAGE_BURST", 20),
    "WS_MAX_MESSAGE_BYTES": env_int("MASKLET_WS_MAX_MESSAGE_BYTES", 64 * 1024),
    # Accounts: hours an invitation link stays valid (it is single-use either way).
    "INVITATION_TTL_HOURS": float(env("MASKLET_INVITATION_TTL_HOURS", "72") or 72),
}
