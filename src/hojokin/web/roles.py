"""What the header offers a signed-in user, read from the permission table."""

from __future__ import annotations

from hojokin.accounts.permissions import PERMISSIONS, Action
from hojokin.accounts.signin import SignedIn


def may(user: SignedIn | None, action: Action, *scopes: str) -> bool:
    """Whether the user's role holds `action` at all (with one of `scopes`, if given):
    what the header offers. The service still checks each object."""
    if user is None:
        return False
    grant = PERMISSIONS[action].get(user.user.role)
    return grant is not None and (not scopes or grant.scope in scopes)
