"""The author's read-only view of an item version: the stem and body as rendered HTML,
with the answer key shown (what a student would see, plus what counts as right).
Each type's part comes from its folder (ItemType.preview and its preview.html)."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from impulsa.assessment import itemtypes
from impulsa.assessment.itemtypes.display import safe_inline
from impulsa.learning.api import render_markdown


def preview_html(version) -> str:
    fmt = version.stem_format
    kind = itemtypes.TYPES.get(version.type)
    context = {
        "version": version,
        "type_label": kind.label if kind else version.type,
        # nh3 sanitized every rendered text
        "stem": mark_safe(render_markdown(version.stem, fmt)),
        "feedback": mark_safe(render_markdown(version.general_feedback, fmt)),
        "hints": [safe_inline(hint, fmt) for hint in version.hints],
    }
    if kind is not None:
        context["key"] = kind.preview(version.body, fmt)
        context["key_template"] = kind.preview_template
    return render_to_string("assessment/bank/_preview.html", context)
