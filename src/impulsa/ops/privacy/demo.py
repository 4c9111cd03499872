"""Demo data for privacy (seed_demo runs it after the people and dual): the notice's
first version, a few ARCO requests at the first campus in different steps, and the
retention classes."""

from pathlib import Path

from impulsa.core.demo import DemoStep
from impulsa.core.demo import register as register_step

NOTICE_DIR = Path(__file__).parent / "notice"


def notice_texts() -> tuple[str, str]:
    return (
        (NOTICE_DIR / "simplificado.md").read_text(encoding="utf-8"),
        (NOTICE_DIR / "integral.md").read_text(encoding="utf-8"),
    )


def seed() -> list[str]:
    from impulsa.accounts.api import StudentProfile, User
    from impulsa.ops.privacy import arco
    from impulsa.ops.privacy.models import ArcoRequest, Filer, IdentityDocument, PrivacyNotice
    from impulsa.ops.privacy.notices import publish_notice
    from impulsa.ops.privacy.retention_defaults import ensure_classes

    national = User.objects.filter(username="admin.nacional").first()
    admin = User.objects.filter(username="admin.gdl1").first()
    if national is None or admin is None:
        return []
    ensure_classes()
    if not PrivacyNotice.objects.exists():
        simplified, full = notice_texts()
        publish_notice(actor=national, simplified_text=simplified, full_text=full)
    if ArcoRequest.objects.exists():
        return ["Privacidad: aviso publicado y solicitudes ARCO ya cargadas."]
    profiles = StudentProfile.objects.filter(campus__in=admin_campuses(admin)).order_by("matricula")
    students = [p.user for p in profiles[3:6]]
    if len(students) < 3:
        return []
    arco.file_request(
        actor=students[0], subject=students[0], right="rectification",
        description="Mi segundo apellido aparece como «Hernándes»; es «Hernández».",
    )  # fmt: skip
    access = arco.file_request(
        actor=admin, subject=students[1], right="access", filer=Filer.GUARDIAN,
        representative_name="María Elena Ruiz Contreras",
        description="La madre solicita copia de las calificaciones y del avance de su hijo.",
    )  # fmt: skip
    arco.verify_identity(actor=admin, request_id=access.pk, document=IdentityDocument.GUARDIAN)
    arco.file_request(
        actor=students[2], subject=students[2], right="opposition",
        description="No deseo que mis datos se usen para estadísticas del sistema.",
    )  # fmt: skip
    return ["Privacidad: aviso de privacidad v1 y 3 solicitudes ARCO en el plantel gdl1."]


def admin_campuses(admin):
    from impulsa.org.api import Capability, institution_ids

    return institution_ids(admin, Capability.MANAGE_PRIVACY)


def register() -> None:
    register_step(DemoStep(order=80, name="privacy", run=seed))
