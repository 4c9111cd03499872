"""Audit test helpers: real changes through the services, with the actor set the way
auditlog's request middleware sets it for a signed-in person."""

import datetime
from html.parser import HTMLParser

from auditlog.context import set_actor
from django.urls import reverse

from impulsa.audit.api import AuditEntry, record
from impulsa.org.services import update_career


def rename_career(actor, career, name: str):
    with set_actor(actor):
        return update_career(
            actor=actor, career=career, code=career.code, name=name, is_active=career.is_active
        )


def record_event(actor, instance, event: str, **data) -> AuditEntry:
    with set_actor(actor):
        return record(actor=actor, instance=instance, event=event, **data)


def stamp(entry: AuditEntry, when: datetime.datetime) -> AuditEntry:
    """Move an entry to a known moment (entries are immutable for users, not for tests)."""
    AuditEntry.objects.filter(pk=entry.pk).update(timestamp=when)
    entry.refresh_from_db()
    return entry


def latest(**filters) -> AuditEntry:
    return AuditEntry.objects.filter(**filters).latest("timestamp", "pk")


class _TableParser(HTMLParser):
    """Rows of the page's tables: each row the whitespace-collapsed text of its cells,
    plus the links it holds."""

    def __init__(self):
        super().__init__()
        self.rows: list[dict] = []
        self._row: dict | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = {"cells": [], "links": []}
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "a" and self._row is not None:
            self._row["links"].append(dict(attrs).get("href"))
        elif tag == "br" and self._cell is not None:
            self._cell.append(" | ")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row["cells"].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def table_rows(response) -> list[dict]:
    """Body rows ({"cells": [...], "links": [...]}) of every table in the response."""
    parser = _TableParser()
    parser.feed(response.content.decode())
    return [row for row in parser.rows if row["cells"]]


def entry_row(response, entry: AuditEntry) -> list[str]:
    """The cells of the list row that links to `entry`'s detail page."""
    link = reverse("audit:entry_detail", kwargs={"entry_id": entry.pk})
    for row in table_rows(response):
        if link in row["links"]:
            return row["cells"]
    raise AssertionError(f"no row for entry {entry.pk} on the page")


def listed_entry_ids(response) -> list[int]:
    return [entry.pk for entry in response.context["page"]]
