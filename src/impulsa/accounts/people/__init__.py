"""The people pages under /personas/ (`people:`) and the users and memberships API."""
