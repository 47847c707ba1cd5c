"""Days and weeks of the platform's time zone over which a consultation's activity is counted
(the bounds and the counting SQL: core/localtime.py)."""
from datetime import timedelta

from ..core.localtime import local_date

LONG_SPAN = 45  # days: over this span, activity is counted per week instead of per day


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
