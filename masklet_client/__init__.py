"""Python SDK and command line client for the Masklet REST API (see docs: API.md)."""

from .sdk import APIError, Client, JobFailed

__all__ = ["APIError", "Client", "JobFailed"]
