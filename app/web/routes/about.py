"""Public information pages: the accessibility statement."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.web.templating import render

router = APIRouter()


@router.get("/toegankelijkheid", response_class=HTMLResponse)
def page_accessibility(request: Request) -> HTMLResponse:
    return render(request, "about/accessibility.html")
