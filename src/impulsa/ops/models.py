"""The ops app's models live beside their concept (backups/, privacy/); Django loads
them through this module."""

from impulsa.ops.backups.models import Backup
from impulsa.ops.privacy.models import (
    ArcoRequest,
    NoticeAcceptance,
    PersonalDataBlock,
    PrivacyNotice,
    RetentionClass,
)

__all__ = [
    "ArcoRequest",
    "Backup",
    "NoticeAcceptance",
    "PersonalDataBlock",
    "PrivacyNotice",
    "RetentionClass",
]
