"""How encrypted personal data appears in audit diffs: changed, but never shown."""


def hide(value: str) -> str:
    return "••••••" if value and value != "None" else value
