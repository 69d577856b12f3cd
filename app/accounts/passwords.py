"""Password hashing with argon2id; parameters come from Settings (cheap ones in tests)."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_PASSWORD_LENGTH = 10


@lru_cache(maxsize=4)
def hasher(memory_kib: int, time_cost: int) -> PasswordHasher:
    ph = PasswordHasher(memory_cost=memory_kib, time_cost=time_cost, parallelism=1)
    _dummy_hash(ph)  # made once here, not during somebody's login
    return ph


def hash_password(ph: PasswordHasher, password: str) -> str:
    return ph.hash(password)


@lru_cache(maxsize=4)
def _dummy_hash(ph: PasswordHasher) -> str:
    return ph.hash("no account has this password")


def verify_password(ph: PasswordHasher, stored_hash: str | None, password: str) -> bool:
    """Exactly one argon2 verification, also without a stored hash (unknown or inactive account,
    locked login), so the answer takes as long whether or not the account exists."""
    try:
        matches = ph.verify(stored_hash or _dummy_hash(ph), password)
    except (VerificationError, InvalidHashError):
        return False
    return matches and bool(stored_hash)


def password_problem(password: str, *, email: str = "") -> str | None:
    """A Dutch message when a new password is too weak, else None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Kies een wachtwoord van minstens {MIN_PASSWORD_LENGTH} tekens."
    if len(password) > 200:
        return "Kies een wachtwoord van hoogstens 200 tekens."
    if email and password.lower() == email.lower():
        return "Je wachtwoord mag niet gelijk zijn aan je e-mailadres."
    return None
