def seed_dual() -> list[str]:
    return []
