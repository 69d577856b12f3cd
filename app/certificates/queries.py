"""Reads of the certificates domain."""

from __future__ import annotations

from sqlmodel import Session, col, select

from app.certificates.models import Certificate
from app.errors import NotFound

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U


def normalise_code(text: str) -> str:
    """Accept the code as typed: any case, with or without dashes or spaces; O reads as 0."""
    plain = "".join(ch for ch in text.upper() if ch.isalnum())
    plain = plain.replace("O", "0").replace("I", "1").replace("L", "1")
    if not plain or any(ch not in CODE_ALPHABET for ch in plain) or len(plain) > 40:
        return ""
    return "-".join(plain[i : i + 4] for i in range(0, len(plain), 4))


def certificate_by_code(session: Session, code: str) -> Certificate | None:
    normal = normalise_code(code)
    if not normal:
        return None
    return session.exec(select(Certificate).where(Certificate.code == normal)).first()


def certificates_for_user(session: Session, user_id: int) -> list[Certificate]:
    return list(
        session.exec(
            select(Certificate)
            .where(Certificate.user_id == user_id)
            .order_by(col(Certificate.issued_on).desc(), col(Certificate.id).desc())
        ).all()
    )


def own_certificate(session: Session, user_id: int, code: str) -> Certificate:
    """The viewer's own certificate with this code; anyone else's answers NotFound."""
    found = certificate_by_code(session, code)
    if found is None or found.user_id != user_id:
        raise NotFound("Dit certificaat bestaat niet of is niet van jou.")
    return found


def certificate_for_user_and_cohort(
    session: Session, user_id: int, cohort_id: int
) -> Certificate | None:
    return session.exec(
        select(Certificate).where(
            Certificate.user_id == user_id, Certificate.cohort_id == cohort_id
        )
    ).first()


def codes_in_organisation(
    session: Session, organisation_id: int
) -> dict[tuple[int, int | None], str]:
    """(user id, cohort id) -> verification code of every certificate issued in this
    organisation."""
    rows = session.exec(
        select(Certificate.user_id, Certificate.cohort_id, Certificate.code).where(
            Certificate.organisation_id == organisation_id
        )
    ).all()
    return {(user_id, cohort_id): code for user_id, cohort_id, code in rows}
