"""Each student's form: the fixed items plus a random draw from every frozen pool,
without repeats, shuffled if the policy says so. The seed is kept on the attempt,
so the form can be drawn again exactly (and is never drawn twice for one try)."""

import random
import secrets


def new_seed() -> str:
    return secrets.token_hex(8)


def draw_form(frozen: dict, seed: str, *, shuffle: bool) -> list[int]:
    rng = random.Random(seed)  # noqa: S311 - a reproducible draw, not a secret (the seed is)
    items = list(frozen.get("item_versions", []))
    taken = set(items)
    for pool in frozen.get("pools", []):
        free = [pk for pk in pool["candidates"] if pk not in taken]
        picked = rng.sample(free, min(pool["count"], len(free)))
        taken.update(picked)
        items.extend(picked)
    if shuffle:
        rng.shuffle(items)
    return items
