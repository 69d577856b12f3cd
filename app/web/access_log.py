"""The server's access log without the secret tokens of reset and invitation links.

uvicorn logs every request line (`GET /wachtwoord-herstellen/<token> HTTP/1.1`); whoever reads
the log could otherwise open a link that was meant for one person."""

from __future__ import annotations

import logging

from app.mail.service import redact_links

ACCESS_LOGGER = "uvicorn.access"


class RedactTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                redact_links(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        return True


def redact_access_log() -> None:
    """Attach the filter once per process (create_app may run more than once, as in tests)."""
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, RedactTokens) for f in logger.filters):
        logger.addFilter(RedactTokens())
