"""Certificates: a trainee's list and PDF download, and the public verification page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.certificates import queries as certificate_queries
from app.certificates import service as certificate_service
from app.certificates.pdf import CertificateData, certificate_pdf
from app.errors import NotFound
from app.web.content import CatalogDep
from app.web.deps import DbSession, SettingsDep, Trainee
from app.web.templating import render

router = APIRouter()
UNKNOWN = "Dit certificaat bestaat niet. Controleer de verificatiecode."


@router.get("/certificaten", response_class=HTMLResponse)
def page_certificates(
    request: Request, session: DbSession, catalog: CatalogDep, viewer: Trainee
) -> HTMLResponse:
    rows = certificate_service.eligibility(session, catalog, viewer.user_id)
    return render(request, "trainee/certificates/index.html", {"rows": rows, "catalog": catalog})


@router.post("/certificaten/{cohort_id}")
def post_issue(
    session: DbSession, catalog: CatalogDep, viewer: Trainee, cohort_id: int
) -> Response:
    certificate = certificate_service.issue(
        session, catalog, user_id=viewer.user_id, cohort_id=cohort_id
    )
    return RedirectResponse(f"/certificaten?uitgereikt={certificate.code}", status_code=303)


@router.get("/certificaten/{code}.pdf")
def get_certificate_pdf(
    session: DbSession, settings: SettingsDep, viewer: Trainee, code: str
) -> Response:
    found = certificate_queries.own_certificate(session, viewer.user_id, code)
    data = CertificateData(
        holder_name=found.holder_name,
        organisation_name=found.organisation_name,
        title=found.title,
        modules=found.modules,
        issued_on=found.issued_on,
        code=found.code,
        verify_url=f"{settings.base_url.rstrip('/')}/verify/{found.code}",
    )
    return Response(
        certificate_pdf(data),
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="certificaat-{found.code}.pdf"',
            "Cache-Control": "private, no-store",
        },
    )


@router.get("/verify/{code}", response_class=HTMLResponse)
def page_verify(request: Request, session: DbSession, code: str) -> HTMLResponse:
    """Public: confirms a certificate and shows only what the certificate itself shows."""
    found = certificate_queries.certificate_by_code(session, code)
    if found is None:
        raise NotFound(UNKNOWN)
    response = render(request, "trainee/certificates/verify.html", {"certificate": found})
    response.headers["X-Robots-Tag"] = "noindex"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
