"""Run an ASGI app (the school or the floor app) with N uvicorn workers, the same way
`doorbraakschool serve` does: app.serve keeps TCP_NODELAY on multi-worker listeners
(uvicorn issue #3149), so the app and the floor are measured on equal terms.

Run: python bench/serve.py APP --host 127.0.0.1 --port N --workers W [--app-dir DIR]
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("app")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--app-dir", default="")
    args = parser.parse_args(argv)
    if args.app_dir:
        sys.path.insert(0, args.app_dir)
    from app.serve import serve

    serve(args.app, host=args.host, port=args.port, workers=args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
