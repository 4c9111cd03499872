"""The ops app's models live beside their concept (backups/, privacy/); Django loads
them through this module."""

from impulsa.ops.privacy.models import (  # noqa: F401
    ArcoRequest,
    NoticeAcceptance,
    PersonalDataBlock,
    PrivacyNotice,
    RetentionClass,
)
