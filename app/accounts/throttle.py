"""When a login or a reset request has to wait (pure): rules over counted events, no database.

Login, per account (the e-mail address typed, known or not, so the answer reveals nothing):
after `free` failures the next attempt waits 1 minute, and each further failure doubles the
wait, counted from the latest failure (1, 2, 4, 8, ... minutes, at most `max_minutes`). While
the account waits, every password is refused, the right one too: this is the soft lock. A
successful login or a password reset forgets the failures; failures older than a day are
forgotten anyway.

Login, per client address: at most `limit` failures within the window (many accounts from one
address). Reset requests: at most a few per hour per e-mail address and per client address.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

FAILURE_MEMORY = timedelta(hours=24)
RESET_WINDOW = timedelta(hours=1)


def soft_lock_until(
    failures: int, last_failure: datetime | None, *, free: int, max_minutes: int
) -> datetime | None:
    """When the account may try again after `failures` failed logins (None: right away)."""
    if failures < free or last_failure is None:
        return None
    minutes = min(2 ** min(failures - free, 16), max_minutes)
    return last_failure + timedelta(minutes=minutes)


def window_full_until(
    count: int, oldest: datetime | None, *, limit: int, window: timedelta
) -> datetime | None:
    """When a sliding window holding `count` events (the oldest at `oldest`) has room again."""
    if count < limit or oldest is None:
        return None
    return oldest + window


def minutes_left(until: datetime, now: datetime) -> int:
    return max(1, math.ceil((until - now).total_seconds() / 60))


def _minutes(minutes: int) -> str:
    return f"{minutes} {'minuut' if minutes == 1 else 'minuten'}"


def login_wait_message(minutes: int) -> str:
    return (
        "Te veel mislukte inlogpogingen. Om je account te beschermen kun je het over "
        f"{_minutes(minutes)} opnieuw proberen. Weet je je wachtwoord niet meer? Kies dan nu een "
        "nieuw wachtwoord via ‘Wachtwoord vergeten?’: daarmee kun je meteen weer verder."
    )


def reset_wait_message(minutes: int) -> str:
    return (
        "Voor dit e-mailadres of vanaf dit netwerk is het afgelopen uur al vaak om een nieuw "
        f"wachtwoord gevraagd. Probeer het over {_minutes(minutes)} opnieuw. Kijk ook even in je "
        "e-mail (en de map met ongewenste e-mail): misschien is de link er al."
    )
