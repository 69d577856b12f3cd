"""Password hashing with argon2id; parameters come from Settings (cheap ones in tests)."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_PASSWORD_LENGTH = 10


@lru_cache(maxsize=4)
def hasher(memory_kib: int, time_cost: int) -> PasswordHasher:
    return PasswordHasher(memory_cost=memory_kib, time_cost=time_cost, parallelism=1)


def hash_password(ph: PasswordHasher, password: str) -> str:
    return ph.hash(password)


def verify_password(ph: PasswordHasher, stored_hash: str | None, password: str) -> bool:
    if not stored_hash:
        # Spend the same time as a real check so that unknown accounts are not told apart.
        ph.hash(password)
        return False
    try:
        return ph.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str, *, email: str = "") -> str | None:
    """A Dutch message when a new password is too weak, else None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Kies een wachtwoord van minstens {MIN_PASSWORD_LENGTH} tekens."
    if len(password) > 200:
        return "Kies een wachtwoord van hoogstens 200 tekens."
    if email and password.lower() == email.lower():
        return "Je wachtwoord mag niet gelijk zijn aan je e-mailadres."
    return None
