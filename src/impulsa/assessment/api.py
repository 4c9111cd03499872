"""What other apps may use from assessment (OEP-49)."""

from impulsa.assessment import itemtypes
from impulsa.assessment.bank import services
from impulsa.assessment.models import ActivityItem, Answer, Item, ItemVersion

__all__ = ["ActivityItem", "Answer", "Item", "ItemVersion", "itemtypes", "services"]
