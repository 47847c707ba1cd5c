"""CSV downloads, in the two forms the site offers side by side: for programs (RFC 4180,
UTF-8, commas: what data.gouv.fr and scripts read), and for spreadsheets (semicolons and a
byte order mark, which Excel with French settings needs to open a file in columns and with
its accents). Text that a spreadsheet would read as a formula is escaped in both."""
import csv
import io

from flask import Response

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """`value` as text, behind an apostrophe when a spreadsheet would read it as a formula
    (CSV injection)."""
    value = "" if value is None else str(value)
    return "'" + value if value[:1] in FORMULA_STARTS else value


def csv_download(filename, header, rows, for_spreadsheet=False):
    """A CSV attachment of `header` and `rows` (lists of cells)."""
    buffer = io.StringIO()
    if for_spreadsheet:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";" if for_spreadsheet else ",", lineterminator="\r\n")
    writer.writerow([cell(name) for name in header])
    for row in rows:
        writer.writerow([cell(value) if isinstance(value, str) else value for value in row])
    return Response(buffer.getvalue().encode("utf-8"), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Content-Type": "text/csv; charset=utf-8"})
