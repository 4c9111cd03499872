"""Privacy data built through the services, as staff and people would."""

from impulsa.ops.privacy import arco
from impulsa.ops.privacy.demo import notice_texts
from impulsa.ops.privacy.models import IdentityDocument
from impulsa.ops.privacy.notices import publish_notice


def publish(world, changes=""):
    simplified, full = notice_texts()
    return publish_notice(
        actor=world.national_admin, simplified_text=simplified, full_text=full, changes=changes
    )


def granted_request(admin, subject, right, *, document=IdentityDocument.GUARDIAN):
    """A request filed by `subject`, identity checked, granted: ready to make effective."""
    filed = arco.file_request(
        actor=subject, subject=subject, right=right, description="Solicito lo que marca la ley."
    )
    arco.verify_identity(actor=admin, request_id=filed.pk, document=document)
    return arco.respond(
        actor=admin, request_id=filed.pk, granted=True, response="Procede tu solicitud."
    )
