"""The ASGI application for uvicorn workers: `uvicorn app.asgi:app`.

Built once per worker; then the worker's interpreter is tuned for serving (app/runtime.py)."""

from app.main import create_app
from app.runtime import tune_worker
from app.settings import get_settings

app = create_app(get_settings())
tune_worker(get_settings())
