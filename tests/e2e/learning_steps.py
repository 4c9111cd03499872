"""Steps of the learning journey that a person takes on a phone: signing in and out,
the menu, importing a question file, and answering each item type in the player."""

import re

from playwright.sync_api import expect

from tests.e2e import axe, conftest
from tests.factories import PASSWORD

# Every step waits on what the page shows; a step that fails should fail fast.
TIMEOUT_MS = 10_000

# Stems of tests/assessment/files/preguntas.xml, one question of every item type.
SINGLE = "¿Qué fracción es equivalente a"
MULTIPLE = "¿Cuáles son múltiplos de 3?"
TRUE_FALSE = "Una fracción puede tener denominador cero."
SHORT = "¿Cómo se llama el número de arriba en una fracción?"
NUMERIC = "Una cinta mide un cuarto de metro."
MATCHING = "Relaciona cada fracción con su decimal."
ORDERING = "Ordena las fracciones de menor a mayor."
CLOZE = "Una pizza se corta en 8 partes iguales."


def open_phone(browser, base_url: str):
    """A second phone (a fresh browser context: no cookies), watched like `phone`."""
    page = conftest.open_phone(browser, base_url)
    page.set_default_timeout(TIMEOUT_MS)
    return page


def sign_in(page, user) -> None:
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/cuenta/entrar/"))
    page.get_by_label("Usuario o matrícula").fill(user.username)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    expect(page.get_by_role("heading", name=re.compile("^Hola"))).to_be_visible()


def open_menu(page) -> None:
    """At phone width the main navigation is folded behind the menu button, which works
    once the page's deferred scripts have run (a person sees the page load first)."""
    page.wait_for_load_state("load")
    axe.wait_until_checked(page)
    button = page.get_by_role("button", name="Abrir menú")
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    # Opened, not opening: mid-animation colours are not what a person reads (axe).
    expect(page.locator("#main-nav")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))


def sign_out(page) -> None:
    open_menu(page)
    page.get_by_role("button", name="Salir").click()
    expect(page.get_by_label("Usuario o matrícula")).to_be_visible()


def go_by_menu(page, label: str) -> None:
    open_menu(page)
    page.locator("#main-nav").get_by_role("link", name=label, exact=True).click()


def import_file(page, path) -> None:
    page.get_by_label(re.compile(r"^Archivo\b")).set_input_files(str(path))
    page.get_by_role("button", name="Importar", exact=True).click()


# --- The player ------------------------------------------------------------------------


def item(page, stem: str):
    """One question of the player, found by its text (re-found after each htmx swap;
    a cloze has its text among the gaps, not in a stem)."""
    return page.locator("section.player-item").filter(has_text=stem)


def feedback(page, stem: str):
    """The question's aria-live region, where its feedback appears."""
    return item(page, stem).locator(".player-feedback[aria-live=polite]")


def check(page, stem: str) -> None:
    item(page, stem).get_by_role("button", name="Comprobar").click()


def put_in_order(page, stem: str, wanted: list[str]) -> None:
    """Move each entry up with its «Subir» button until the list reads `wanted`."""
    entries = item(page, stem).locator("[data-order-list] > li")
    for target, text in enumerate(wanted):
        while True:
            shown = [t.strip() for t in entries.locator("span.flex-grow-1").all_inner_texts()]
            position = shown.index(text)
            if position == target:
                break
            entries.nth(position).get_by_role("button", name="Subir").click()
    shown = [t.strip() for t in entries.locator("span.flex-grow-1").all_inner_texts()]
    assert shown == wanted
