"""Export a course's learning events as xAPI statements in JSON Lines."""

from datetime import datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date

from impulsa.learning.events.xapi import course_statements, write_jsonl
from impulsa.learning.models import Course


class Command(BaseCommand):
    help = "Exporta las declaraciones xAPI de un curso en JSON Lines (una por línea)."

    def add_arguments(self, parser):
        parser.add_argument("course", help="Clave del curso (p. ej. prope-1).")
        parser.add_argument(
            "--since", help="Solo eventos desde esta fecha (AAAA-MM-DD, hora de México)."
        )
        parser.add_argument(
            "--output", help="Archivo de salida; sin él, se escribe en la salida estándar."
        )

    def handle(self, *args, course, since=None, output=None, **options):
        found = Course.objects.filter(code=course).first()
        if found is None:
            raise CommandError(f"No existe un curso con la clave «{course}».")
        start = None
        if since:
            day = parse_date(since)
            if day is None:
                raise CommandError(f"«{since}» no es una fecha AAAA-MM-DD.")
            start = timezone.make_aware(datetime.combine(day, time.min))
        statements = course_statements(found, since=start)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                written = write_jsonl(statements, handle)
        else:
            written = write_jsonl(statements, self.stdout)
        # The count goes to stderr so that stdout stays pure JSON Lines.
        self.stderr.write(f"{written} declaraciones exportadas de {found.code}.", style_func=str)
