"""The backup archive: one sealed tar stream holding the database dump, every private
file and a manifest with each file's SHA-256.

    database.dump     pg_dump -Fc
    files/<name>      private storage (course files, imports, attachments)
    manifest.json     created_at, the files' names, sizes and checksums

Files are read and written through Django's storage API, so the same code archives a
local folder or an S3 bucket and restores into either. The tar is streamed ("w|"):
nothing but the dump is ever held whole on local disk.
"""

import hashlib
import json
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from impulsa.ops.backups import postgres
from impulsa.ops.backups.sealing import OpeningReader, SealingWriter

DUMP_MEMBER = "database.dump"
MANIFEST_MEMBER = "manifest.json"
FILES_PREFIX = "files/"
_COPY_BYTES = 1024 * 1024


class ArchiveError(Exception):
    """An archive that does not hold what its manifest says (the message is safe)."""


@dataclass
class Contents:
    database_bytes: int = 0
    files: dict[str, dict] = field(default_factory=dict)  # name -> {size, sha256}

    @property
    def files_bytes(self) -> int:
        return sum(f["size"] for f in self.files.values())


def walk(storage, folder: str = ""):
    """Every file name under `folder` of a Django storage, depth first."""
    try:
        dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield str(PurePosixPath(folder, name)) if folder else name
    for sub in sorted(dirs):
        yield from walk(storage, str(PurePosixPath(folder, sub)) if folder else sub)


class _Hashing:
    """Reads through a file while hashing it (tar wants a file object)."""

    def __init__(self, source):
        self.source, self.digest = source, hashlib.sha256()

    def read(self, size=-1):
        data = self.source.read(size)
        self.digest.update(data)
        return data


def write(sink, *, database: dict, storage, created_at: str) -> Contents:
    """Dump `database`, archive it and `storage`'s files, seal everything into `sink`."""
    contents = Contents()
    writer = SealingWriter(sink)
    with tempfile.TemporaryDirectory(prefix="impulsa-backup-") as tmp:
        dump_path = Path(tmp) / DUMP_MEMBER
        postgres.dump(database, dump_path)
        contents.database_bytes = dump_path.stat().st_size
        with tarfile.open(fileobj=writer, mode="w|") as tar:
            tar.add(dump_path, arcname=DUMP_MEMBER)
            for name in walk(storage) if storage is not None else ():
                info = tarfile.TarInfo(FILES_PREFIX + name)
                info.size = storage.size(name)
                with storage.open(name, "rb") as source:
                    hashing = _Hashing(source)
                    tar.addfile(info, hashing)
                contents.files[name] = {"size": info.size, "sha256": hashing.digest.hexdigest()}
            manifest = json.dumps(
                {"created_at": created_at, "files": contents.files}, sort_keys=True
            ).encode()
            info = tarfile.TarInfo(MANIFEST_MEMBER)
            info.size = len(manifest)
            tar.addfile(info, _BytesReader(manifest))
    writer.close()
    return contents


class _BytesReader:
    def __init__(self, data: bytes):
        self.data, self.position = data, 0

    def read(self, size=-1):
        end = len(self.data) if size < 0 else self.position + size
        chunk = self.data[self.position : end]
        self.position += len(chunk)
        return chunk


def unpack(source, folder: Path) -> dict:
    """Open the sealed archive `source` into `folder` (database.dump and files/),
    check every file against the manifest, and return the manifest."""
    reader = OpeningReader(source)
    checksums = {}
    with tarfile.open(fileobj=reader, mode="r|") as tar:
        for member in tar:
            if not member.isfile() or not _safe(member.name):
                raise ArchiveError(f"El respaldo contiene una entrada no válida: {member.name!r}")
            target = folder / member.name
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            with tar.extractfile(member) as data, target.open("wb") as out:
                while chunk := data.read(_COPY_BYTES):
                    digest.update(chunk)
                    out.write(chunk)
            checksums[member.name] = digest.hexdigest()
    manifest = (
        json.loads((folder / MANIFEST_MEMBER).read_text()) if MANIFEST_MEMBER in checksums else None
    )
    if manifest is None or DUMP_MEMBER not in checksums:
        raise ArchiveError("El respaldo está incompleto: le falta la base o el manifiesto.")
    for name, expected in manifest["files"].items():
        if checksums.get(FILES_PREFIX + name) != expected["sha256"]:
            raise ArchiveError(f"El archivo {name!r} del respaldo no coincide con su suma.")
    return manifest


def _safe(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        not path.is_absolute()
        and ".." not in path.parts
        and (name in (DUMP_MEMBER, MANIFEST_MEMBER) or name.startswith(FILES_PREFIX))
    )
