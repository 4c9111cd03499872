"""The virtual assistant's retrieval: top-1 and top-3 article accuracy on the held-out
questions (tests/helpdesk/data/assistant_questions.tsv, written for it, never used to
tune the articles), and the time per question.

Compared in the same run against a baseline with no PostgreSQL: the article sharing
the most accent-folded words with the question (title, keywords and body; no stemming,
no stop words). Runs against DATABASE_URL's database (migrated; the knowledge base is
loaded here): `.venv/bin/python bench/assistant_bench.py`, or `bench/run.py assistant`.
"""

import csv
import os
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impulsa.settings")

import django  # noqa: E402

django.setup()

from impulsa.helpdesk.assistant import search, services  # noqa: E402
from impulsa.helpdesk.assistant.fold import fold  # noqa: E402
from impulsa.helpdesk.models import Article  # noqa: E402

QUESTIONS = REPO / "tests" / "helpdesk" / "data" / "assistant_questions.tsv"
WORD = re.compile(r"[a-z0-9]{2,}")


def questions() -> list[tuple[str, str]]:
    with QUESTIONS.open(encoding="utf-8") as handle:
        return [(row["question"], row["article"]) for row in csv.DictReader(handle, delimiter="\t")]


def full_text(question: str) -> list[str]:
    return [a.slug for a in search.search(question, limit=3)]


def word_overlap(articles):
    vocabularies = {
        a.slug: set(WORD.findall(fold(f"{a.title} {a.keywords} {a.body}"))) for a in articles
    }

    def rank(question: str) -> list[str]:
        words = set(WORD.findall(fold(question)))
        scored = sorted(vocabularies, key=lambda slug: (-len(words & vocabularies[slug]), slug))
        return scored[:3]

    return rank


def measure(method, rows) -> tuple[float, float, float]:
    top1 = top3 = 0
    times = []
    for question, expected in rows:
        started = time.perf_counter()
        found = method(question)
        times.append((time.perf_counter() - started) * 1000)
        top1 += bool(found) and found[0] == expected
        top3 += expected in found
    return top1 / len(rows), top3 / len(rows), statistics.median(times)


def main() -> None:
    loaded = services.load_knowledge_base()
    rows = questions()
    print(f"{loaded} articles, {len(rows)} held-out questions")
    results = [
        ("PostgreSQL Spanish full text (folded)", measure(full_text, rows)),
        ("baseline: shared folded words", measure(word_overlap(list(Article.objects.all())), rows)),
    ]
    print(f"{'method':<40} {'top-1':>7} {'top-3':>7} {'ms/question (p50)':>18}")
    for name, (top1, top3, ms) in results:
        print(f"{name:<40} {top1:>7.1%} {top3:>7.1%} {ms:>18.2f}")


if __name__ == "__main__":
    main()
