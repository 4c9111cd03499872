"""The signed-in person's own pages: the home page with accounts' panels, and the profile."""
