"""Who is looking: the logged-in user with their roles per organisation. Built once per request."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.accounts.models import Role


@dataclass(frozen=True)
class Viewer:
    user_id: int
    email: str
    display_name: str
    session_id: str
    is_platform_admin: bool = False
    roles: frozenset[tuple[int, str]] = field(default_factory=frozenset)
    # The organisation the viewer acts in: their own work is made and shown in it.
    organisation_id: int | None = None
    # (id, name) of every organisation the viewer belongs to, by name, for the switcher.
    organisations: tuple[tuple[int, str], ...] = ()

    def has_role(self, organisation_id: int, *roles: Role | str) -> bool:
        return any((organisation_id, str(role)) in self.roles for role in roles)

    def organisation_ids(self, *roles: Role | str) -> set[int]:
        wanted = {str(role) for role in roles}
        return {org for org, role in self.roles if not wanted or role in wanted}

    def can_manage(self, organisation_id: int) -> bool:
        """Org admins manage their own organisation; platform admins manage every one."""
        return self.is_platform_admin or self.has_role(organisation_id, Role.org_admin)

    @property
    def is_trainee(self) -> bool:
        return bool(self.organisation_ids(Role.trainee))

    @property
    def is_trainer(self) -> bool:
        return bool(self.organisation_ids(Role.trainer))

    @property
    def is_org_admin(self) -> bool:
        return bool(self.organisation_ids(Role.org_admin))

    @property
    def is_staff(self) -> bool:
        """Trainers, organisation admins and platform admins (who also edit the content)."""
        return self.is_trainer or self.is_org_admin or self.is_platform_admin
