"""The source strings are English: fill each empty English entry with its msgid, and forget the
entries the source no longer has (obsolete).

Run by `make translations` after the catalogs are updated; French entries are written by hand.
"""
import sys

from babel.messages.pofile import read_po, write_po

path = sys.argv[1] if len(sys.argv) > 1 else "translations/en/LC_MESSAGES/messages.po"
with open(path, "rb") as f:
    catalog = read_po(f, locale="en")
for message in catalog:
    if not message.id:
        continue
    if isinstance(message.id, (tuple, list)):
        if not all(message.string):
            message.string = tuple(message.id)
    elif not message.string:
        message.string = message.id
    message.flags.discard("fuzzy")
catalog.obsolete.clear()
with open(path, "wb") as f:
    write_po(f, catalog, width=100, omit_header=False, no_location=True, sort_output=True)
