"""Counting per day or week (results' activity, moderation statistics): each date counted is
put in its period by a few comparisons, the right period whatever the number of periods."""
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import DateTime, literal, select
from sqlalchemy.sql.elements import Case

from consult.core.localtime import period_index, utc_midnight
from consult.extensions import db

PARIS = ZoneInfo("Europe/Paris")


def _most_comparisons(expression):
    """How many bounds a date is compared with, at most, before its period is known."""
    if not isinstance(expression, Case):
        return 0
    paths = [i + 1 + _most_comparisons(value) for i, (_condition, value) in enumerate(expression.whens)]
    return max(paths + [len(expression.whens) + _most_comparisons(expression.else_)])


def _starts(count):
    return [date(2026, 3, 1) + timedelta(days=i) for i in range(count)]  # a clock change on 29 March


def test_a_date_is_compared_with_a_few_bounds_only():
    column = db.column("at")
    assert _most_comparisons(period_index(column, _starts(45), PARIS)) == 6  # not 44
    assert _most_comparisons(period_index(column, _starts(2), PARIS)) == 1
    assert _most_comparisons(period_index(column, _starts(1), PARIS)) == 0


@pytest.mark.parametrize("count", [1, 2, 3, 7, 45])
def test_each_moment_falls_in_its_period(app, count):
    starts = _starts(count)
    moments = [utc_midnight(day, PARIS) + offset for day in starts for offset in (timedelta(0), timedelta(hours=22))]
    moments.append(utc_midnight(starts[0], PARIS) - timedelta(seconds=1))  # before the first: the first
    expected = [i for i in range(count) for _ in range(2)] + [0]
    found = [db.session.scalar(select(period_index(literal(m, DateTime()), starts, PARIS))) for m in moments]
    assert found == expected
