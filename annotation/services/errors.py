"""Errors a user can cause; the API turns each into a 4xx with `{"detail": message}`."""


class ServiceError(Exception):
    status_code = 400

    def __init__(self, message: str, *, extra: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class InvalidInput(ServiceError):
    status_code = 400


class NotAllowed(ServiceError):
    status_code = 403


class NotFound(ServiceError):
    status_code = 404


class Conflict(ServiceError):
    status_code = 409


class VideoNotReady(Conflict):
    """The request needs a processed video (status ready) and this one is still uploading or
    processing, or failed: 409, the request conflicts with the video's current state."""

    def __init__(self, message: str = "the video is not ready yet") -> None:
        super().__init__(message)


class Unavailable(ServiceError):
    status_code = 503
