"""Retrieval: the question, folded, becomes an OR of its words (Spanish stemming and
stop words by PostgreSQL), matched against each article's weighted vector and ranked
by ts_rank (title A > keywords B > body C). Bounded: at most MAX_TERMS words."""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F

from impulsa.helpdesk.assistant.fold import fold
from impulsa.helpdesk.models import Article

MAX_TERMS = 30
MAX_CHARS = 500
_WORD = re.compile(r"[a-z0-9]{2,}")


def query_for(question: str) -> SearchQuery | None:
    terms = list(dict.fromkeys(_WORD.findall(fold(question[:MAX_CHARS]))))[:MAX_TERMS]
    if not terms:
        return None
    return SearchQuery(" | ".join(terms), config="spanish", search_type="raw")


def search(question: str, *, limit: int = 3) -> list[Article]:
    query = query_for(question)
    if query is None:
        return []
    return list(
        Article.objects.filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", "pk")[:limit]
    )
