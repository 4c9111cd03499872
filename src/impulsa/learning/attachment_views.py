"""Download of a course file, for the course's students and authors only
(attachments.downloadable); anyone else gets 404, as if the file did not exist."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.http import require_safe

from impulsa.core.storage import private_file_response
from impulsa.learning.attachments import downloadable


@login_required
@require_safe
def download(request, attachment_id):
    found = downloadable(request.user, attachment_id)
    if found is None:
        raise Http404
    return private_file_response(found.name, download_name=found.download_name)
