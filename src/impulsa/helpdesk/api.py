"""What other apps may use from the help desk (OEP-49)."""

__all__: list[str] = []
