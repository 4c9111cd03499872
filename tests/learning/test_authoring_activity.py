"""An activity's page: title and skills, variants with live Markdown preview,
files, and the student's-eye preview that saves nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from impulsa.assessment.models import Answer
from impulsa.learning.authoring import services
from impulsa.learning.content import services as content_services
from impulsa.learning.models import (
    ActivityVariant,
    Attachment,
    LearningEvent,
    PublishedActivity,
    VariantKind,
)
from tests.learning.test_authoring_courses import draft_course
from tests.learning_builders import build_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(world):
    course = draft_course(world.designer, world.national, "Robótica")
    return course.units.get().lessons.get().activities.get()


def edit_url(activity, variant=""):
    url = reverse("authoring:activity_edit", kwargs={"activity_id": activity.pk})
    return f"{url}?variante={variant}" if variant else url


def test_activity_title_and_skills_are_saved(world, login, page):
    course = page.lesson.unit.course
    skill = services.create_skill(actor=world.designer, course=course, name="Sensores")
    response = login(world.designer).post(
        edit_url(page), {"title": "Cómo funciona un sensor", "skills": [skill.pk]}, follow=True
    )
    page.refresh_from_db()
    assert page.title == "Cómo funciona un sensor"
    assert list(page.skills.all()) == [skill]
    assert "Se guardó la actividad." in response.text


def test_an_empty_title_is_shown_in_the_error_summary(world, login, page):
    response = login(world.designer).post(edit_url(page), {"title": ""})
    assert "Revisa lo siguiente" in response.text
    page.refresh_from_db()
    assert page.title == "Lectura"


def test_variants_are_saved_per_tab(world, login, page):
    client = login(world.designer)
    url = reverse("authoring:variant_save", kwargs={"activity_id": page.pk})

    client.post(url, {"kind": "worked_example", "body": "Paso 1: $x = 2$."})
    response = client.post(
        url,
        {"kind": "video", "body": "", "video_url": "https://video.example.mx/clase"},
        follow=True,
    )

    saved = {v.kind: v for v in page.variants.all()}
    assert saved["worked_example"].body == "Paso 1: $x = 2$."
    assert saved["video"].video_url == "https://video.example.mx/clase"
    assert 'value="https://video.example.mx/clase"' in response.text
    worked = client.get(edit_url(page, "worked_example")).text
    assert "Paso 1: $x = 2$." in worked
    assert "<math" in worked  # the page opens with the saved text already previewed


def test_a_video_variant_without_https_is_refused_on_its_field(world, login, page):
    response = login(world.designer).post(
        reverse("authoring:variant_save", kwargs={"activity_id": page.pk}),
        {"kind": "video", "video_url": "http://inseguro.example.mx/v"},
    )
    assert "El enlace del video debe empezar con https://." in response.text
    assert not page.variants.filter(kind=VariantKind.VIDEO).exists()


def test_a_text_variant_without_content_is_refused(world, login, page):
    response = login(world.designer).post(
        reverse("authoring:variant_save", kwargs={"activity_id": page.pk}),
        {"kind": "text", "body": "   "},
    )
    assert "Escribe el contenido." in response.text
    assert page.variants.get(kind=VariantKind.TEXT).body == "Hola."


def test_a_variant_is_deleted(world, login, page):
    variant = page.variants.get()
    login(world.designer).post(
        reverse("authoring:variant_delete", kwargs={"variant_id": variant.pk})
    )
    assert not ActivityVariant.objects.filter(pk=variant.pk).exists()


def test_markdown_preview_renders_math_as_mathml_and_strips_script(world, login):
    response = login(world.designer).post(
        reverse("authoring:markdown_preview"),
        {"body": "**Fracción** $\\frac{1}{2}$\n\n<script>alert('x')</script>"},
    )
    html = response.text
    assert "<strong>Fracción</strong>" in html
    assert "<math" in html and "<mfrac>" in html
    assert "<script" not in html


def test_markdown_preview_is_for_authors_only(world, login):
    response = login(world.student_a1).post(reverse("authoring:markdown_preview"), {"body": "x"})
    assert response.status_code == 403


def test_a_file_is_uploaded_and_an_image_offers_its_markdown(world, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    course = draft_course(world.designer, world.national, "Robótica")
    page = course.units.get().lessons.get().activities.get()
    client = login(world.designer)
    url = reverse("authoring:attachment_add", kwargs={"activity_id": page.pk})

    png = io.BytesIO()
    Image.new("RGB", (2, 2)).save(png, "PNG")
    client.post(
        url, {"file-title": "Circuito", "file-file": SimpleUploadedFile("c.png", png.getvalue())}
    )
    response = client.post(
        url, {"file-title": "", "file-file": SimpleUploadedFile("guia.pdf", b"%PDF-1.4 guia")},
        follow=True,
    )  # fmt: skip

    image, pdf = Attachment.objects.filter(activity=page).order_by("id")
    assert (image.title, image.size, pdf.title) == ("Circuito", len(png.getvalue()), "guia.pdf")
    image_url = reverse("player:attachment", kwargs={"attachment_id": image.pk})
    pdf_url = reverse("player:attachment", kwargs={"attachment_id": pdf.pk})
    assert f"![Circuito]({image_url})" in response.text
    assert f"]({pdf_url})" not in response.text
    assert "13\xa0bytes" in response.text


def test_uploading_without_a_file_says_so(world, login, page):
    response = login(world.designer).post(
        reverse("authoring:attachment_add", kwargs={"activity_id": page.pk}), {"file-title": "x"}
    )
    assert "Revisa lo siguiente" in response.text
    assert not Attachment.objects.exists()


def test_practice_page_lists_its_items_and_links_to_the_picker(world, login):
    built = build_course(world.designer, institution=world.national, publish=False)
    html = login(world.designer).get(edit_url(built.quiz)).text
    assert html.index("Reactivo single_choice") < html.index("Reactivo true_false")
    assert f"/banco/actividad/{built.quiz.pk}/reactivos/" in html
    assert "Guardar variante" not in html


def test_content_preview_shows_rendered_variants_without_saving(world, login, page):
    content_services.save_variant(
        actor=world.designer, activity=page, kind=VariantKind.TEXT,
        body="Una fracción $\\frac{a}{b}$.\n\n<script>alert(1)</script>",
    )  # fmt: skip
    content_services.save_variant(
        actor=world.designer, activity=page, kind=VariantKind.WORKED_EXAMPLE, body="Ejemplo **uno**"
    )
    client = login(world.designer)
    url = reverse("authoring:activity_preview", kwargs={"activity_id": page.pk})

    text = client.get(url).text
    worked = client.get(url, {"variante": "worked_example"}).text

    assert "<mfrac>" in text and "<script>alert(1)" not in text
    assert "Ejemplo resuelto" in text
    assert "<strong>uno</strong>" in worked and "<mfrac>" not in worked
    assert not PublishedActivity.objects.exists()


def test_quiz_preview_renders_the_players_items_and_records_nothing(world, login):
    built = build_course(world.designer, institution=world.national, publish=False)
    response = login(world.designer).get(
        reverse("authoring:activity_preview", kwargs={"activity_id": built.quiz.pk})
    )
    assert response.status_code == 200
    assert "<fieldset" in response.text
    assert "El 0 es un número par." in response.text
    assert "<mfrac>" in response.text  # the single-choice stem's math
    assert not PublishedActivity.objects.exists()
    assert not Answer.objects.exists() and not LearningEvent.objects.exists()


@pytest.mark.parametrize(
    "url_name",
    ["activity_edit", "activity_preview", "variant_save", "attachment_add", "activity_delete"],
)
def test_another_states_designer_gets_404_on_an_activity(world, login, page, url_name):
    client = login(world.designer_b)
    url = reverse(f"authoring:{url_name}", kwargs={"activity_id": page.pk})
    response = (
        client.get(url)
        if url_name in ("activity_edit", "activity_preview")
        else client.post(url, {"kind": "text", "body": "Robado"})
    )
    assert response.status_code == 404
    assert "Hola." not in response.text
    assert page.variants.get().body == "Hola."


def test_another_states_designer_cannot_delete_a_variant(world, login, page):
    variant = page.variants.get()
    response = login(world.designer_b).post(
        reverse("authoring:variant_delete", kwargs={"variant_id": variant.pk})
    )
    assert response.status_code == 404
    assert ActivityVariant.objects.filter(pk=variant.pk).exists()


def test_practice_kind_has_no_variants_to_save(world, login, page):
    practice = services.create_activity(
        actor=world.designer, lesson=page.lesson, kind="practice", title="Practica"
    )
    response = login(world.designer).post(
        reverse("authoring:variant_save", kwargs={"activity_id": practice.pk}),
        {"kind": "text", "body": "No aplica"},
    )
    assert "Solo las páginas de contenido tienen variantes." in response.text
    assert not practice.variants.exists()


def test_a_file_is_removed_from_the_draft_and_another_states_designer_cannot(
    world, login, page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    attachment = content_services.add_attachment(
        actor=world.designer, activity=page, title="Guía",
        upload=SimpleUploadedFile("guia.pdf", b"%PDF-1.4 guia"),
    )  # fmt: skip
    url = reverse("authoring:attachment_delete", kwargs={"attachment_id": attachment.pk})

    assert login(world.designer_b).post(url).status_code == 404
    assert Attachment.objects.filter(pk=attachment.pk).exists()

    response = login(world.designer).post(url, follow=True)
    assert "Se quitó «Guía»." in response.text
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
