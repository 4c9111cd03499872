"""Who may download a course file, and which stored file that is.

Course files are served only through player.views.download, after this check:
- the course's authors (who may edit it) reach the draft's files and every
  published version's;
- a student reaches the files of the published version they are enrolled in
  (not withdrawn), and nothing of a draft.
Everyone else gets None (the view answers 404). A published version freezes its
files (id, storage name, title) in PublishedActivity.attachments, so a file
removed from the draft stays available to the students of that version.
"""

from dataclasses import dataclass
from pathlib import PurePosixPath

from django.db.models import Q

from impulsa.learning.authoring.selectors import authorable_courses
from impulsa.learning.models import Attachment, PublishedActivity
from impulsa.learning.player.selectors import my_enrollments


@dataclass(frozen=True)
class Download:
    name: str  # in private storage
    title: str

    @property
    def download_name(self) -> str:
        """The title the author gave, with the stored file's extension."""
        suffix = PurePosixPath(self.name).suffix.lower()
        title = self.title.strip()
        return title if title.lower().endswith(suffix) else f"{title}{suffix}"


def downloadable(user, attachment_id: int) -> Download | None:
    if not user.is_authenticated:
        return None
    authored = authorable_courses(user).values("pk")
    draft = (
        Attachment.objects.filter(pk=attachment_id, activity__lesson__unit__course__in=authored)
        .values_list("file", "title")
        .first()
    )
    if draft:
        return Download(*draft)
    # jsonb containment finds the version rows that list this file.
    frozen = (
        PublishedActivity.objects.filter(
            Q(version_id__in=my_enrollments(user).values("version_id"))
            | Q(version__course__in=authored),
            attachments__contains=[{"id": attachment_id}],
        )
        .values_list("attachments", flat=True)
        .first()
    )
    entry = next((e for e in frozen or () if e.get("id") == attachment_id), None)
    return Download(entry["name"], entry["title"]) if entry else None
