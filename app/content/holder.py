"""Keep the catalog in memory; in development, reload it when a content file changes."""

from __future__ import annotations

import functools
import logging
import threading
from pathlib import Path

from app.content.catalog import Catalog
from app.content.load import COURSE, load_catalog
from app.content.problems import ContentError, Minimums
from app.content.sources import CONTENT_DIRS

logger = logging.getLogger(__name__)

Snapshot = tuple[tuple[str, int, int], ...]


def snapshot(root: Path) -> Snapshot:
    """Name, size and modification time of every file under the content folders."""
    entries = []
    for folder in CONTENT_DIRS:
        base = root / folder
        if not base.is_dir():
            continue
        for path in base.rglob("*"):
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.is_file():
                entries.append((path.relative_to(root).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(entries))


class CatalogHolder:
    """Holds the catalog of ``root``.

    The first load raises ContentError (the server refuses to start on invalid content). With
    ``reload`` on, ``get()`` loads again when any content file changed; if the new content is
    invalid it logs the problems and keeps serving the last valid catalog.
    """

    def __init__(
        self,
        root: Path,
        reload: bool = False,
        *,
        minimums: Minimums = COURSE,
        names: bool = True,
        cache_dir: Path | None = None,
    ) -> None:
        self.root = root
        self.reload = reload
        self._minimums = minimums
        self._names = names
        self._cache_dir = cache_dir
        self._lock = threading.Lock()
        self._snapshot = snapshot(root) if reload else ()
        self._catalog = self._load()

    def _load(self) -> Catalog:
        """Load and check; with ``cache_dir``, reuse a catalog checked before (disk_cache.py)."""
        if self._cache_dir is None:
            return load_catalog(self.root, minimums=self._minimums, names=self._names)
        from app.content.disk_cache import load_catalog_via_disk

        return load_catalog_via_disk(
            self.root, self._cache_dir, minimums=self._minimums, names=self._names
        )

    def get(self) -> Catalog:
        if not self.reload:
            return self._catalog
        with self._lock:
            current = snapshot(self.root)
            if current != self._snapshot:
                self._snapshot = current
                self._try_reload()
            return self._catalog

    def _try_reload(self) -> None:
        try:
            self._catalog = self._load()
        except ContentError as error:
            logger.error(
                "content changed but is invalid; keeping the previous catalog:\n%s",
                "\n".join(str(problem) for problem in error.problems),
            )
        else:
            logger.info("content reloaded (version %s)", self._catalog.version)


@functools.lru_cache(maxsize=4)
def load_catalog_cached(root: Path, *, names: bool = True) -> Catalog:
    """``load_catalog`` once per root (course minimums); for tests and scripts."""
    return load_catalog(root, names=names)
