"""Files people open in a spreadsheet: CSV text that cannot run as a formula, and
simple XLSX exports."""


def formula_safe(value) -> str:
    """`value` as text a spreadsheet will not run as a formula (CSV injection): a cell
    starting with = + - @ or a tab or carriage return gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(title: str, header: list[str], rows) -> bytes:
    """One sheet: a bold, frozen header and the rows (text made formula-safe, numbers
    and Decimals kept as numbers), columns as wide as their header."""
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([formula_safe(v) if isinstance(v, str) else v for v in row])
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(
            12, len(name) + 4
        )
    sheet.freeze_panes = "A2"
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
