"""Days and weeks of the platform's time zone, for counting what happened over time.

Dates are stored in naive UTC, and people read them in the platform's time zone
(BABEL_DEFAULT_TIMEZONE): a vote at 23:30 UTC on 1 July was cast on 2 July in Paris. A
period's bounds are worked out here, in Python, as the UTC moments of local midnights (a
day of a clock change lasts 23 or 25 hours); the database only compares each date with
them (a CASE, the same SQL on SQLite and PostgreSQL), so that it can count per period,
distinct people included, and return one row per period.
"""
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import case, literal_column

LONG_SPAN = 45  # days: over this span, activity is counted per week instead of per day


def platform_zone():
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def local_date(moment, zone):
    """The local date of a naive UTC datetime."""
    return moment.replace(tzinfo=timezone.utc).astimezone(zone).date()


def utc_midnight(day, zone):
    """The naive UTC moment at which the local `day` begins."""
    return datetime.combine(day, time(), tzinfo=zone).astimezone(timezone.utc).replace(tzinfo=None)


def periods(first, last, zone):
    """(unit, the local dates starting each period) covering the naive UTC moments `first` to
    `last`: days, or weeks starting on Mondays when they span more than LONG_SPAN days."""
    start, end = local_date(first, zone), local_date(last, zone)
    unit = "week" if (end - start).days > LONG_SPAN else "day"
    if unit == "week":
        start -= timedelta(days=start.weekday())
    step = timedelta(days=7 if unit == "week" else 1)
    starts = []
    while start <= end:
        starts.append(start)
        start += step
    return unit, starts


def period_index(column, starts, zone):
    """SQL: the index in `starts` of the period `column` (naive UTC) falls in."""
    bounds = [utc_midnight(day, zone) for day in starts[1:]]
    if not bounds:
        return literal_column("0")
    return case(*[(column < bound, literal_column(str(i))) for i, bound in enumerate(bounds)],
                else_=literal_column(str(len(bounds))))
