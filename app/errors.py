"""Domain errors with a meaning (pure). One handler in the web layer maps them to Dutch pages
or JSON."""

from __future__ import annotations


class DomainError(Exception):
    status_code = 400

    def __init__(self, message: str = "", *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(DomainError):
    """The object does not exist, or lies outside what the viewer may see (same answer: 404)."""

    status_code = 404


class NotAllowed(DomainError):
    status_code = 403


class InvalidInput(DomainError):
    status_code = 422


class TooManyAttempts(DomainError):
    status_code = 429
