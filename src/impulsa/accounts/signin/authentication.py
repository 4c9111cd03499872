"""The signed-in person, loaded on every request from the process cache.

Django's ModelBackend reads the user's row on every request. This backend keeps each
row per process under the "accounts.users" cache version, which a trigger moves on
every write to the users table (core/cache_versions.py) except updates that only set
last_login: a person deactivated, renamed or given a new password through any process
is read afresh at their next request everywhere.

Each request gets its own copy: middleware and the access rule set attributes on it.
"""

import copy

from django.contrib.auth.backends import ModelBackend

from impulsa.core.cache_versions import ProcessCache

_users = ProcessCache("accounts.users", maxsize=20_000)


class CachedModelBackend(ModelBackend):
    def get_user(self, user_id):
        load = super().get_user
        user = _users.get(str(user_id), lambda: load(user_id))
        return copy.copy(user) if user is not None else None
