"""SHA-256 of each uploaded file, computed chunk by chunk while Django parses the request body.

`ContentHashUploadHandler` goes first in a request's upload handlers: it sees every chunk of
every file, updates that file's digest and passes the chunk on unchanged to Django's own handlers
(memory or temporary file), which build the UploadedFile as usual. The upload view compares the
digest with the project's videos before anything is stored or queued (a duplicate answers 409),
so the file is never read a second time to hash it.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest


class ContentHashUploadHandler(FileUploadHandler):
    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.sha256: dict[str, str] = {}  # form field name -> hex digest of its (last) file
        self._digest: Any = None

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self._digest = hashlib.sha256()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self._digest.update(raw_data)
        return raw_data  # handed on to the next handler, which keeps the bytes

    def file_complete(self, file_size: int) -> None:
        # Last file wins, as with request.FILES.get(field) (a MultiValueDict).
        self.sha256[self.field_name] = self._digest.hexdigest()
        return None  # the next handler returns the file object


def hash_uploads(request: HttpRequest) -> ContentHashUploadHandler:
    """Put a hashing handler first among the request's upload handlers (call before the body is
    parsed, i.e. before anything reads request.POST, request.FILES or DRF's request.data)."""
    handler = ContentHashUploadHandler(request)
    request.upload_handlers.insert(0, handler)
    return handler
