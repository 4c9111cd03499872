"""The knowledge base the virtual assistant answers from: Spanish articles about the
platform, searchable by PostgreSQL's Spanish full-text search."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class Article(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(_("título"), max_length=150)
    body = models.TextField(_("texto"))
    # How people ask about it ("no me llega el correo", "olvidé mi clave"): weighs more
    # than the body when ranking.
    keywords = models.TextField(_("palabras clave"), blank=True)
    # Title, keywords and body with accents folded (fold.py), weighted A, B, C; kept by
    # services.save_article. Folding in Python instead of unaccent(): the embedded demo
    # PostgreSQL (pgserver) ships no contrib extensions, and one code path means the
    # demo ranks exactly as production does.
    search_vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("artículo de ayuda")
        verbose_name_plural = _("artículos de ayuda")
        ordering = ["title"]
        indexes = [GinIndex(fields=["search_vector"], name="helpdesk_article_search")]

    def __str__(self):
        return self.title
