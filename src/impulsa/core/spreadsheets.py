"""Text written to CSV files people open in a spreadsheet."""


def formula_safe(value) -> str:
    """`value` as text a spreadsheet will not run as a formula (CSV injection): a cell
    starting with = + - @ or a tab or carriage return gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
