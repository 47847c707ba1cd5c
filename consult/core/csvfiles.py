"""CSV downloads, in the two forms the site offers side by side: for programs (RFC 4180,
UTF-8, commas: what data.gouv.fr and scripts read), and for spreadsheets (semicolons and a
byte order mark, which Excel with French settings needs to open a file in columns and with
its accents). Text that a spreadsheet would read as a formula is escaped in both."""
import csv
import io
import re
import tempfile

from flask import Response, send_file

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-\d+(?:[.,]\d+)?")  # a negative number, as written for the reader: no formula
SPOOL_BYTES = 8 * 1024 * 1024


def cell(value):
    """`value` as text, behind an apostrophe when a spreadsheet would read it as a formula
    (CSV injection); a negative number stays a number (a longitude west of Greenwich)."""
    value = "" if value is None else str(value)
    return "'" + value if value[:1] in FORMULA_STARTS and not NUMBER.fullmatch(value) else value


def csv_download(filename, header, rows, for_spreadsheet=False):
    """A CSV attachment of `header` and `rows` (lists of cells). The file is written first, in
    memory up to SPOOL_BYTES and on disk beyond (a consultation's contributions may weigh
    hundreds of MB), so that the rows, which may read the database as they go, are all read
    before the answer is sent: a slow client never holds a database connection."""
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
    text = io.TextIOWrapper(spool, encoding="utf-8", newline="", write_through=True)
    if for_spreadsheet:
        text.write("\ufeff")
    writer = csv.writer(text, delimiter=";" if for_spreadsheet else ",", lineterminator="\r\n")
    writer.writerow([cell(name) for name in header])
    writer.writerows([cell(value) if isinstance(value, str) else value for value in row] for row in rows)
    text.detach()  # the bytes stay in `spool`
    size = spool.tell()
    spool.seek(0)
    if size <= SPOOL_BYTES:  # still in memory: sent as it is
        with spool:
            response = Response(spool.read())
    else:  # on disk: read by the server as it sends it, then closed
        response = send_file(spool, mimetype="text/csv", etag=False, conditional=False)
    response.headers.update({"Content-Disposition": f'attachment; filename="{filename}"',
                             "Content-Type": "text/csv; charset=utf-8"})
    return response
