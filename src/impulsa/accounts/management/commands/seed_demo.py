"""Load the demo data (idempotent) and print one log-in per role."""

from django.core.management.base import BaseCommand

from impulsa.accounts import demo
from impulsa.core.demo import steps


class Command(BaseCommand):
    help = "Carga los datos de demostración y muestra un acceso por rol."

    def handle(self, *args, **options):
        logins = demo.seed()
        for step in steps():
            for line in step.run():
                self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Accesos de demostración"))
        self.stdout.write(f"Contraseña para todos: {demo.DEMO_PASSWORD}")
        width = max(len(login.username) for login in logins)
        for login in logins:
            mark = "  (pide código 2FA)" if login.two_factor else ""
            self.stdout.write(
                f"  {login.username.ljust(width)}  {login.role} · {login.institution}{mark}"
            )
        self.stdout.write(
            "Código 2FA de los administradores: `make totp` lo muestra; o agrega esta clave a tu "
            f"app autenticadora: {demo.totp_secret_base32()}"
        )
        self.stdout.write("")
