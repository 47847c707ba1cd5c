"""The platform's time zone (TIMEZONE, BABEL_DEFAULT_TIMEZONE): days and months as people
live them, for filtering and counting what happened, and dates written into files.

Dates are stored in naive UTC, and people read them in the platform's time zone: a decision
at 23:30 UTC on 28 November was taken on 29 November in Paris. A local day's or month's
bounds are worked out here, in Python, as the UTC moments of local midnights (a day of a
clock change lasts 23 or 25 hours); the database only compares each date with them (the
same SQL on SQLite and PostgreSQL), so that it can count per period and return one row per
period.
"""
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import case, literal_column

SPREADSHEET_FORMAT = "%Y-%m-%d %H:%M"  # what spreadsheets read as a date and time, in any language


def platform_zone():
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def local_moment(moment, zone):
    """A naive UTC datetime as the (aware) time of day in `zone`."""
    return moment.replace(tzinfo=timezone.utc).astimezone(zone)


def local_date(moment, zone):
    """The local date of a naive UTC datetime."""
    return local_moment(moment, zone).date()


def utc_midnight(day, zone):
    """The naive UTC moment at which the local `day` begins."""
    return datetime.combine(day, time(), tzinfo=zone).astimezone(timezone.utc).replace(tzinfo=None)


def utc_day_bounds(first, last, zone):
    """(from, before): the naive UTC moments at which the local day `first` begins and the
    day after `last` begins, for a filter of whole days; None for no bound (none given, or
    one beyond the dates Python holds, where nothing is stored)."""
    lower = upper = None
    if first:
        try:
            lower = utc_midnight(first, zone)
        except OverflowError:  # before 1 January of year 1 in UTC: no bound
            pass
    if last and last < date.max:
        try:
            upper = utc_midnight(last + timedelta(days=1), zone)
        except OverflowError:  # after 31 December 9999 in UTC: no bound
            pass
    return lower, upper


def month_starts(now, zone, months):
    """The first days of the last `months` local months up to the naive UTC moment `now`
    (its own month included), oldest first."""
    today = local_date(now, zone)
    year, month = today.year, today.month
    starts = []
    for _ in range(months):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def period_index(column, starts, zone):
    """SQL: the index in `starts` (local dates, in order) of the period `column` (naive
    UTC) falls in; 0 before the second period, the last index from the last one on.

    The bounds are halved at each step (a CASE within a CASE), so that each of the tens of
    thousands of dates counted is compared with 6 bounds out of 45, not with up to all of them."""
    bounds = [utc_midnight(day, zone) for day in starts[1:]]
    return _index_between(column, bounds, 0, len(bounds))


def _index_between(column, bounds, first, last):
    """SQL: the index, from `first` to `last`, of the period `column` falls in; the period i
    starts at bounds[i - 1]."""
    if first == last:
        return literal_column(str(first))
    middle = (first + last + 1) // 2
    return case((column < bounds[middle - 1], _index_between(column, bounds, first, middle - 1)),
                else_=_index_between(column, bounds, middle, last))


def spreadsheet_text(moment, zone):
    """A naive UTC datetime as the local date and time a spreadsheet reads ("2026-11-29 00:30")."""
    return local_moment(moment, zone).strftime(SPREADSHEET_FORMAT) if moment else ""


def iso_utc(moment):
    """A naive UTC datetime as ISO 8601 with its zone, to the second ("2026-11-28T23:30:05Z"),
    for files that programs read."""
    return moment.replace(microsecond=0).isoformat() + "Z" if moment else ""
