"""Working days with French public holidays."""

import pandas as pd

from helpers.indicators.workdays import public_holidays, working_days_between


def days(*pairs):
    start = pd.Series(pd.to_datetime([a for a, _ in pairs]))
    end = pd.Series(pd.to_datetime([b for _, b in pairs]))
    return working_days_between(start, end).tolist()


def test_weekends_and_same_day():
    assert days(("2022-11-21", "2022-11-21"), ("2022-11-18", "2022-11-21"), ("2022-11-21", "2022-11-28")) == [0, 1, 5]


def test_public_holidays_are_not_working_days():
    # 11 November 2022 (Armistice) is a Friday: received Thursday 10, answered Monday 14 -> 1 working day.
    assert days(("2022-11-10", "2022-11-14")) == [1]
    # Christmas and New Year 2022-2023 fall on Sundays; 14 July 2022 is a Thursday.
    assert days(("2022-07-13", "2022-07-15")) == [1]


def test_missing_dates_give_na():
    start = pd.Series(pd.to_datetime(["2022-01-03", None]))
    end = pd.Series(pd.to_datetime([None, "2022-01-05"]))
    assert working_days_between(start, end).isna().all()
    start = pd.Series(pd.to_datetime(["2022-01-03", None, "2022-11-18"]), index=[7, 8, 9])
    end = pd.Series(pd.to_datetime(["2022-01-05", "2022-01-05", "2022-11-21"]), index=[7, 8, 9])
    counted = working_days_between(start, end)
    assert counted.index.tolist() == [7, 8, 9] and counted.dtype == "Int64"
    assert counted.tolist() == [2, pd.NA, 1]


def test_holidays_come_from_the_holidays_package():
    hol = set(public_holidays(2022, 2022).astype(str))
    assert {"2022-01-01", "2022-04-18", "2022-05-26", "2022-06-06", "2022-07-14", "2022-08-15", "2022-11-01",
            "2022-11-11", "2022-12-25"} <= hol
