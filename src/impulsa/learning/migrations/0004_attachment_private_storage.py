"""Course files move from public media to private storage, and every link to them
(draft Markdown, published pages, published file lists) goes through the download
view, which checks access. Reversible: files and links go back as they were."""

import re
from urllib.parse import unquote

from django.core.files.storage import storages
from django.db import migrations, models

import impulsa.core.storage

# The download view's path (learning.player_urls "player:attachment") when this ran.
DOWNLOAD = "/aprender/archivos/{}/"


def _move(source, target, name):
    """Copy `name` across and delete the original; returns the name it now has."""
    if not name or not source.exists(name):
        return name
    with source.open(name, "rb") as handle:
        saved = target.save(name, handle)
    source.delete(name)
    return saved


def _relink(text, links):
    # Longest first, and whole URLs only: ".../a.png" must not touch ".../a.png.png".
    for old in sorted(links, key=len, reverse=True):
        text = re.sub(re.escape(old) + r"(?![\w.%~-])", lambda _m, old=old: links[old], text)
    return text


def _relink_pages(apps, links):
    ActivityVariant = apps.get_model("learning", "ActivityVariant")
    PublishedActivity = apps.get_model("learning", "PublishedActivity")
    if not links:
        return
    for variant in ActivityVariant.objects.exclude(body=""):
        body = _relink(variant.body, links)
        if body != variant.body:
            ActivityVariant.objects.filter(pk=variant.pk).update(body=body)
    for row in PublishedActivity.objects.all():
        variants = [{**v, "html": _relink(v.get("html", ""), links)} for v in row.variants]
        if variants != row.variants:
            PublishedActivity.objects.filter(pk=row.pk).update(variants=variants)


def _published_lists(apps):
    PublishedActivity = apps.get_model("learning", "PublishedActivity")
    return PublishedActivity.objects.exclude(attachments=[])


def forwards(apps, schema_editor):
    Attachment = apps.get_model("learning", "Attachment")
    public, private = storages["default"], storages["private"]
    links, moved = {}, {}
    for attachment in Attachment.objects.all():
        old = attachment.file.name
        links[public.url(old)] = DOWNLOAD.format(attachment.pk)
        new = _move(public, private, old)
        if new != old:
            Attachment.objects.filter(pk=attachment.pk).update(file=new)
        moved[old] = (attachment.pk, new)
    base = public.url("learning/")
    for row in _published_lists(apps):
        entries = []
        for entry in row.attachments:
            url = entry.get("url", "")
            old = "learning/" + unquote(url[len(base) :]) if url.startswith(base) else ""
            # A file removed from the draft after publishing has no row: keep its bytes.
            pk, name = moved.get(old) or (None, _move(public, private, old))
            entries.append({"id": pk, "name": name, "title": entry["title"], "size": entry["size"]})
        row.attachments = entries
        row.save(update_fields=["attachments"])
    _relink_pages(apps, links)


def backwards(apps, schema_editor):
    Attachment = apps.get_model("learning", "Attachment")
    public, private = storages["default"], storages["private"]
    links, names = {}, {}
    for attachment in Attachment.objects.all():
        name = _move(private, public, attachment.file.name)
        if name != attachment.file.name:
            Attachment.objects.filter(pk=attachment.pk).update(file=name)
        links[DOWNLOAD.format(attachment.pk)] = public.url(name)
        names[attachment.pk] = name
    for row in _published_lists(apps):
        entries = []
        for entry in row.attachments:
            name = names.get(entry.get("id")) or _move(private, public, entry.get("name", ""))
            entries.append(
                {"title": entry["title"], "url": public.url(name), "size": entry["size"]}
            )
        row.attachments = entries
        row.save(update_fields=["attachments"])
    _relink_pages(apps, links)


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0003_enrollment_history"),
    ]

    operations = [
        migrations.AlterField(
            model_name="attachment",
            name="file",
            field=models.FileField(
                storage=impulsa.core.storage.private_storage,
                upload_to="learning/files/%Y/%m/",
                verbose_name="archivo",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
