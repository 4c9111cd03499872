"""Print the current two-factor code shared by the demo administrators."""

from django.core.management.base import BaseCommand

from impulsa.accounts import demo


class Command(BaseCommand):
    help = "Muestra el código 2FA vigente de los administradores de demostración."

    def handle(self, *args, **options):
        demo._ensure_not_production()
        self.stdout.write(demo.current_totp_code())
