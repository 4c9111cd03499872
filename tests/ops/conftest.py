from tests.ops.s3_server import s3_server  # noqa: F401 - a fixture for this folder's tests
