"""What other apps may use from ops (OEP-49). Nothing below ops may import it (the
layers); the URL roots route to its pages. `current_notice` is the privacy notice in
force (None before the first publication), for whatever page links to it."""

from impulsa.ops.privacy.notices import current_notice

__all__ = ["current_notice"]
