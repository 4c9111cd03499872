"""What other apps may use from ops (OEP-49)."""

__all__: list[str] = []
