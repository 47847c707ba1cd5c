"""CSV downloads, in the two forms the site offers side by side: for programs (RFC 4180,
UTF-8, commas: what data.gouv.fr and scripts read), and for spreadsheets (semicolons and a
byte order mark, which Excel with French settings needs to open a file in columns and with
its accents). Text that a spreadsheet would read as a formula is escaped in both."""
import csv
import io

from flask import Response, stream_with_context

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """`value` as text, behind an apostrophe when a spreadsheet would read it as a formula
    (CSV injection)."""
    value = "" if value is None else str(value)
    return "'" + value if value[:1] in FORMULA_STARTS else value


def csv_download(filename, header, rows, for_spreadsheet=False, stream=False):
    """A CSV attachment of `header` and `rows` (lists of cells); with `stream`, sent as the rows
    are read (a file too large to build in memory: `rows` may go on reading the database)."""
    body = _encoded_lines(header, rows, for_spreadsheet)
    return Response(stream_with_context(body) if stream else b"".join(body), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Content-Type": "text/csv; charset=utf-8"})


def _encoded_lines(header, rows, for_spreadsheet, every=500):
    """The file's bytes, a chunk every `every` rows."""
    buffer = io.StringIO()
    if for_spreadsheet:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";" if for_spreadsheet else ",", lineterminator="\r\n")
    writer.writerow([cell(name) for name in header])
    for n, row in enumerate(rows, start=1):
        writer.writerow([cell(value) if isinstance(value, str) else value for value in row])
        if n % every == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")
