from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "impulsa.core"
    label = "core"
    verbose_name = "Núcleo"

    def ready(self):
        from impulsa.core import rest_schema  # noqa: F401 - registers the OpenAPI extension
