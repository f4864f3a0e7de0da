"""Where Masklet keeps files in Django's default storage, and listing and deleting them the same
way on local disk and on S3-compatible storage (django-storages).

Layout: `uploads/<year>/<month>/<video id>-<name>` (an uploaded video, `Video.source`),
`videos/<video id>/` (frames, display copies, thumbnail: `Video.storage_prefix`),
`imports/<video id>/` (annotation files waiting for their import job), and
`exports/<project id>/` (finished exports).

Only storage APIs are used (`listdir`, `delete`), with one shortcut per backend where the
generic walk would be slow: local folders are removed with `shutil.rmtree`, and S3 prefixes with
batched DeleteObjects calls (1,000 keys a request instead of one request a file; a video of
20,000 annotated frames holds 40,000 objects).
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.db import transaction

log = logging.getLogger(__name__)


def import_prefix(video_id: int) -> str:
    """Where annotation files uploaded for import into a video wait for their job."""
    return f"imports/{video_id}"


def export_prefix(project_id: int) -> str:
    """Where a project's exports are written."""
    return f"{settings.MASKLET.get('EXPORT_PREFIX', 'exports')}/{project_id}"


def storage_files(prefix: str = "", storage: Storage | None = None) -> list[str]:
    """Every file stored under the folder `prefix` ("" for all), as sorted storage names."""
    return sorted(_walk(prefix.strip("/"), storage or default_storage))


def _walk(prefix: str, storage: Storage) -> Iterator[str]:
    try:
        folders, files = storage.listdir(prefix)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        yield f"{prefix}/{name}" if prefix else name
    for folder in folders:
        yield from _walk(f"{prefix}/{folder}" if prefix else folder, storage)


def storage_delete_tree(prefix: str, storage: Storage | None = None) -> None:
    """Delete every file stored under the folder `prefix` (and the folder itself on local disk)."""
    storage = storage or default_storage
    prefix = prefix.strip("/")
    if not prefix:
        raise ValueError("refusing to delete the whole storage")
    if isinstance(storage, FileSystemStorage):
        shutil.rmtree(storage.path(prefix), ignore_errors=True)
        return
    if _is_s3(storage):
        location = (storage.location or "").strip("/")  # type: ignore[attr-defined]
        key = f"{location}/{prefix}/" if location else f"{prefix}/"
        storage.bucket.objects.filter(Prefix=key).delete()  # type: ignore[attr-defined]  # 1,000 keys a request
        return
    for name in storage_files(prefix, storage):
        storage.delete(name)


def _is_s3(storage: Storage) -> bool:
    from storages.backends.s3 import S3Storage  # boto3 is imported only where S3 is in use

    return isinstance(storage, S3Storage)


def storage_delete_quietly(names: Iterable[str], prefixes: Iterable[str] = (), storage: Storage | None = None) -> None:
    """Delete files and folders, logging (not raising) what fails: used where the rows are already
    gone and a storage outage must not turn a finished deletion into an error."""
    storage = storage or default_storage
    for prefix in prefixes:
        try:
            storage_delete_tree(prefix, storage)
        except Exception:
            log.exception("could not delete %s/ from storage; delete it by hand", prefix)
    for name in names:
        if not name:
            continue
        try:
            storage.delete(name)
        except Exception:
            log.exception("could not delete %s from storage; delete it by hand", name)


def storage_delete_after_commit(*, names: Iterable[str] = (), prefixes: Iterable[str] = ()) -> None:
    """Delete files and folders once the current transaction commits (nothing if it rolls back)."""
    names, prefixes = list(names), list(prefixes)
    transaction.on_commit(lambda: storage_delete_quietly(names, prefixes), robust=True)
