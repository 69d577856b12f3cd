"""Import every table module so that SQLModel.metadata knows the whole schema (Alembic, tests)."""

from app.accounts import models as accounts_models
from app.audit import models as audit_models
from app.cohorts import models as cohorts_models
from app.mail import models as mail_models

__all__ = ["accounts_models", "audit_models", "cohorts_models", "mail_models"]
