"""Cells of the CSV downloads: text never starts like a spreadsheet formula (CSV injection)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """`value` as text, behind an apostrophe when a spreadsheet would read it as a formula."""
    value = "" if value is None else str(value)
    return "'" + value if value[:1] in FORMULA_STARTS else value
