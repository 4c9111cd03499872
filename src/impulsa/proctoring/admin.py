from django.contrib import admin

from impulsa.proctoring.models import (
    Accommodation,
    Attempt,
    ExamPolicy,
    ExamSession,
    IntegrityEvent,
    PoolDraw,
)


@admin.register(ExamSession)
class ExamSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "campus", "course", "opens_at", "closes_at"]
    list_filter = ["campus"]
    raw_id_fields = ["campus", "course", "created_by", "groups"]


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ["pk", "enrollment", "session", "number", "state", "grade"]
    list_filter = ["state"]
    raw_id_fields = ["enrollment", "campus", "session"]
    # Attempts change through the proctoring services (audited), never here.
    readonly_fields = [f.name for f in Attempt._meta.fields]


@admin.register(IntegrityEvent)
class IntegrityEventAdmin(admin.ModelAdmin):
    list_display = ["pk", "attempt", "kind", "at"]
    list_filter = ["kind"]
    raw_id_fields = ["attempt"]
    # Evidence as it was recorded: read here, never edited.
    readonly_fields = [f.name for f in IntegrityEvent._meta.fields]


admin.site.register(ExamPolicy)
admin.site.register(PoolDraw)
admin.site.register(Accommodation)
