from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "impulsa.core"
    label = "core"
    verbose_name = "Núcleo"
