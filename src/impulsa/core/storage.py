"""Storage for files with personal data: never served by URL (see STORAGES["private"])."""

from django.core.files.storage import storages


def private_storage():
    return storages["private"]
