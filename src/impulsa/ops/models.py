"""The ops app's models live beside their concept (backups/, privacy/); Django loads
them through this module."""

from impulsa.ops.backups.models import Backup

__all__ = ["Backup"]
