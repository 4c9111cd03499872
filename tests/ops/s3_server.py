"""A real S3-compatible server for the storage tests: moto's standalone server
(`moto[server]`), started as its own process on a free port, with a bucket."""

import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import boto3
import pytest

from tests.server_processes import free_port

STARTUP_SECONDS = 60
CREDENTIALS = {"access_key": "impulsa-prueba", "secret_key": "impulsa-prueba-secreto"}


class S3Server:
    def __init__(self):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        server = Path(sys.executable).parent / "moto_server"
        self.process = subprocess.Popen(
            [str(server), "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "moto_server stopped"
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.2)
        pytest.fail("moto_server did not start")

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=CREDENTIALS["access_key"],
            aws_secret_access_key=CREDENTIALS["secret_key"],
            region_name="us-east-1",
        )

    def new_bucket(self) -> str:
        name = f"impulsa-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name

    def keys(self, bucket: str) -> list[str]:
        listed = self.client().list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def storage(self, bucket: str, location: str, **extra) -> dict:
        """A STORAGES entry as settings.py builds it for STORAGE_BACKEND=s3."""
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": self.endpoint,
                **CREDENTIALS,
                "region_name": "us-east-1",
                "signature_version": "s3v4",
                "default_acl": "private",
                "querystring_auth": True,
                "location": location,
                **extra,
            },
        }

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture(scope="session")
def s3_server():
    server = S3Server()
    yield server
    server.stop()
