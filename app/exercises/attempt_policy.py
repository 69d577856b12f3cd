"""The attempt policy of knowledge checks and the legal-basis exercise (pure).

A question allows a few attempts (``DEFAULT_ATTEMPTS`` unless the content says otherwise). The
feedback speaks about the options the trainee chose; the correct answer is revealed only once
the question is closed: after a passing attempt or after the last allowed one. A closed question
counts no more attempts: a later answer (an old tab, a second window) is graded and kept, but as
practice that never passes, so "passed" stays "any stored attempt passed". Attempts made before
this policy keep counting, towards passing and towards the limit. The options are shown in an order
shuffled per attempt, stable within one attempt: seeded from the user, the question and the
attempt number.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

DEFAULT_ATTEMPTS = 2
LEGAL_BASIS_ATTEMPTS = 2
PRACTICE = "practice"  # the answers key that marks an attempt made after the question closed


@dataclass(frozen=True)
class AttemptState:
    """Where a trainee stands with one question: attempts used, allowed, and whether one passed."""

    used: int
    allowed: int
    passed: bool

    @property
    def closed(self) -> bool:
        return self.passed or self.used >= self.allowed

    @property
    def revealed(self) -> bool:
        """Whether the correct answer may be shown."""
        return self.closed

    @property
    def left(self) -> int:
        return 0 if self.closed else self.allowed - self.used

    @property
    def shown_attempt(self) -> int:
        """The attempt the form is for: the next one while open, the last one once closed."""
        return max(1, self.used) if self.closed else self.used + 1


def counts(answers: Mapping[str, object]) -> bool:
    """Whether a stored attempt counts for the policy (practice after closing does not)."""
    return not answers.get(PRACTICE)


def attempt_state(passed_in_order: Sequence[bool], allowed: int = DEFAULT_ATTEMPTS) -> AttemptState:
    return AttemptState(len(passed_in_order), max(1, allowed), any(passed_in_order))


def option_order(user_id: int, question_id: str, attempt: int, count: int) -> tuple[int, ...]:
    """The indices of ``count`` options in the order one attempt shows them: the same for the
    same user, question and attempt number, and (usually) different for the next attempt."""
    seed = hashlib.sha256(f"{user_id}:{question_id}:{attempt}".encode()).digest()
    order = list(range(count))
    random.Random(int.from_bytes(seed[:8], "big")).shuffle(order)
    return tuple(order)
