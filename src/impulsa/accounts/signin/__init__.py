"""Signing in: log-in and password recovery under /cuenta/ (`accounts:`), token log-in
and `me` in the API, two-factor, the sign-in gates and the cached authentication backend."""
