"""Import every table module so that SQLModel.metadata knows the whole schema (Alembic, tests).

Every `app/<domain>/models.py` is found automatically: a new domain needs no line here."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

APP = Path(__file__).resolve().parent


def import_all_models() -> list[str]:
    names = []
    for info in sorted(pkgutil.iter_modules([str(APP)]), key=lambda i: i.name):
        if info.ispkg and (APP / info.name / "models.py").exists():
            importlib.import_module(f"app.{info.name}.models")
            names.append(info.name)
    return names


DOMAINS = import_all_models()
