"""GET /healthz: status, version and whether the database answers."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app import __version__
from app.db import session_scope

router = APIRouter()


@router.get("/healthz", tags=["systeem"])
def get_health(request: Request) -> JSONResponse:
    try:
        with session_scope(request.app.state.db, write=False) as session:
            session.exec(text("SELECT 1"))  # type: ignore[call-overload]
        database = True
    except SQLAlchemyError:
        database = False
    status = "ok" if database else "degraded"
    return JSONResponse(
        {"status": status, "version": __version__, "database": database},
        status_code=200 if database else 503,
    )
