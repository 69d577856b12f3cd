"""A checked catalog kept on disk, so a server process starts without parsing and checking.

Parsing and checking the course takes seconds of CPU per process; unpickling the result takes
milliseconds. The key covers every content file (``content_version``), the code that builds
the catalog (``app/content`` and ``app/calculator``) and the check options, so any change loads
and checks afresh. The file lives in the data folder, trusted like the database next to it.
Reading or writing it never fails a start: on any error the catalog is loaded the normal way.
"""

from __future__ import annotations

import copyreg
import hashlib
import logging
import os
import pickle
from pathlib import Path
from types import MappingProxyType
from typing import Any

from app.content.catalog import Catalog
from app.content.load import COURSE, content_version, load_catalog
from app.content.problems import Minimums

logger = logging.getLogger(__name__)

_CODE_DIRS = (
    Path(__file__).resolve().parent,
    Path(__file__).resolve().parent.parent / "calculator",
)


def _mapping_proxy(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(items)


def _reduce_mapping_proxy(proxy: MappingProxyType[Any, Any]) -> tuple[Any, tuple[Any, ...]]:
    return _mapping_proxy, (dict(proxy),)


copyreg.pickle(MappingProxyType, _reduce_mapping_proxy)


def cache_key(root: Path, minimums: Minimums, names: bool) -> str:
    digest = hashlib.sha256(f"{content_version(root)}|{minimums!r}|{names}".encode())
    for folder in _CODE_DIRS:
        for path in sorted(folder.glob("*.py")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cached_path(root: Path, cache_dir: Path, *, minimums: Minimums = COURSE) -> Path:
    return cache_dir / f"catalog-{cache_key(root, minimums, False)}.pickle"


def load_catalog_via_disk(
    root: Path, cache_dir: Path, *, minimums: Minimums = COURSE, names: bool = False
) -> Catalog:
    """The catalog from ``cache_dir`` when the key matches; else loaded, checked and stored.

    Raises ``ContentError`` like ``load_catalog`` when the content has problems.
    """
    path = cache_dir / f"catalog-{cache_key(root, minimums, names)}.pickle"
    cached = _read(path)
    if cached is not None:
        return cached
    catalog = load_catalog(root, minimums=minimums, names=names)
    _write(path, catalog)
    return catalog


def _read(path: Path) -> Catalog | None:
    try:
        with path.open("rb") as file:
            catalog = pickle.load(file)  # noqa: S301 - our own file in the data folder
    except FileNotFoundError:
        return None
    except Exception as error:  # noqa: BLE001 - a broken cache must never stop a start
        logger.warning("catalog cache %s unreadable (%s); loading the content", path, error)
        return None
    return catalog if isinstance(catalog, Catalog) else None


def _write(path: Path, catalog: Catalog) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps(catalog, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, path)
        for old in path.parent.glob("catalog-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except Exception as error:  # noqa: BLE001 - the cache is an optimisation only
        logger.warning("catalog cache %s not written (%s)", path, error)
