"""The one error the calculator raises for bad input."""

from __future__ import annotations


class CalculatorError(ValueError):
    """Invalid calculator input.

    ``field`` is a dotted path into the input (``"breakthrough.lines.2.probability"``; list
    indexes count from 0, like the JSON the web layer receives); ``message`` is a Dutch sentence
    for the user.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message


def join_path(prefix: str, name: str | int) -> str:
    """``join_path("status_quo.lines", 2)`` -> ``"status_quo.lines.2"``."""
    return f"{prefix}.{name}" if prefix else str(name)
