"""Income forecasts (issue 3): model choice by backtest, intervals, short series, failures, real data."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from analytics import forecast
from analytics.loaders import load_table

FIRST_YEAR = 2011
GROWTH = 0.08  # compound growth of the synthetic series


def synthetic(n: int = 12, growth: float = GROWTH, wiggle: float = 0.003) -> pd.Series:
    """Compound growth with a small deterministic wiggle (±0.3%) so that no fit is exactly degenerate.

    Naive drift on levels extrapolates the *average* yearly change in 元, which on a compounding series
    is always smaller than the latest one, so it falls behind more with every step ahead; a model on log
    income captures the compounding. That is what the first test relies on.
    """
    t = np.arange(n)
    values = 10_000 * (1 + growth) ** t * (1 + wiggle * np.sin(2.3 * t))
    return pd.Series(values, index=pd.Index(range(FIRST_YEAR, FIRST_YEAR + n), name="year"), name="synthetic")


@pytest.fixture(scope="module")
def synth() -> forecast.IncomeForecast:
    return forecast.forecast_income(synthetic())


@pytest.fixture(scope="module")
def real() -> dict[str, forecast.IncomeForecast]:
    return forecast.forecast_province_income(load_table("province_annual"))


def mean_mape(result: forecast.IncomeForecast, model: str) -> float:
    rows = result.backtest[result.backtest["model"] == model]
    assert set(rows["horizon"]) == {1, 2, 3}, f"{model} lacks a horizon"
    return float(rows["mape"].mean())


def test_chosen_model_beats_naive_drift_on_a_known_trend(synth):
    result = synth
    assert result.model in forecast.CANDIDATES
    assert mean_mape(result, result.model) < mean_mape(result, "drift") / 2
    assert "优于" in result.reason


def test_backtest_table_shape_and_origin_counts(synth):
    table = synth.backtest
    assert list(table.columns) == list(forecast.BACKTEST_COLUMNS)
    assert set(table["model"]) == {*forecast.CANDIDATES, "drift"}
    assert len(table) == 4 * 3  # one row per model × horizon
    # 12 points, training windows of 5..11 points: 7 origins for h=1, 6 for h=2, 5 for h=3.
    drift = table[table["model"] == "drift"].set_index("horizon")["origins"]
    assert drift.to_dict() == {1: 7, 2: 6, 3: 5}
    assert (table["mape"] >= 0).all()


@pytest.mark.parametrize("model", forecast.CANDIDATES)
def test_each_family_gives_nested_intervals_that_widen(model):
    frame = forecast.FITTERS[model](np.log(synthetic().to_numpy()), FIRST_YEAR, 8, True)
    assert list(frame.columns) == list(forecast.FORECAST_COLUMNS) and len(frame) == 8
    for level in forecast.INTERVALS:
        log_width = (frame[f"upper{level}"] - frame[f"lower{level}"]).to_numpy()
        assert (np.diff(log_width) >= -1e-12).all(), f"{model} {level}% interval narrows in logs"


def check_intervals(frame: pd.DataFrame) -> None:
    assert (frame["lower95"] <= frame["lower80"]).all()
    assert (frame["lower80"] <= frame["mean"]).all()
    assert (frame["mean"] <= frame["upper80"]).all()
    assert (frame["upper80"] <= frame["upper95"]).all()
    for level in forecast.INTERVALS:
        width = (frame[f"upper{level}"] - frame[f"lower{level}"]).to_numpy()
        assert (np.diff(width) > 0).all(), f"{level}% interval does not widen with the horizon"


@pytest.mark.parametrize("key", ["urban", "rural"])
def test_real_intervals_nest_and_widen(real, key):
    check_intervals(real[key].forecast)


def test_synthetic_intervals_nest_and_widen(synth):
    assert list(synth.forecast.index) == list(range(FIRST_YEAR + 12, 2031))
    check_intervals(synth.forecast)


@pytest.mark.parametrize(
    ("n", "backtest_rows"),
    [
        (3, 0),  # the minimum the log-linear trend accepts; nothing to backtest
        (5, 0),  # = MIN_TRAIN: no origin leaves an actual to compare with
        (6, 2),  # one origin, h=1 only: loglinear and drift
    ],
)
def test_short_series_falls_back_to_loglinear(n, backtest_rows):
    result = forecast.forecast_income(synthetic(n))
    assert result.model == "loglinear"
    assert "对数线性" in result.reason and f"仅有 {n} 个数据点" in result.reason
    assert list(result.backtest.columns) == list(forecast.BACKTEST_COLUMNS)
    assert len(result.backtest) == backtest_rows
    assert set(result.backtest["model"]) <= {"loglinear", "drift"}
    assert result.forecast.index[0] == FIRST_YEAR + n
    check_intervals(result.forecast)


@pytest.mark.parametrize(
    ("history", "message"),
    [
        (synthetic(2), "至少需要"),
        (synthetic(8).drop(FIRST_YEAR + 3), "不连续"),
        (synthetic(8).mul(-1), "非正值"),
    ],
)
def test_unusable_series_raise_a_clear_error(history, message):
    with pytest.raises(ValueError, match=message):
        forecast.forecast_income(history)


def test_horizon_not_after_last_year_is_rejected():
    with pytest.raises(ValueError, match="不晚于"):
        forecast.forecast_income(synthetic(), horizon=FIRST_YEAR + 11)


class BrokenETS:
    """Stands in for statsmodels' ETSModel: every fit fails as a singular fit would."""

    def __init__(self, *args, **kwargs):
        pass

    def fit(self, *args, **kwargs):
        raise np.linalg.LinAlgError("singular matrix")


def test_a_model_that_never_fits_is_skipped(monkeypatch, real):
    # Urban income is the series on which ETS wins the backtest; with ETS broken another model must win.
    monkeypatch.setattr(forecast, "ETSModel", BrokenETS)
    result = forecast.forecast_income(real["urban"].history)
    assert result.model in {"arima_drift", "loglinear"}
    assert "ets_damped" not in set(result.backtest["model"])
    assert set(result.backtest["model"]) == {"arima_drift", "loglinear", "drift"}
    check_intervals(result.forecast)


def test_a_model_failing_only_on_the_full_series_falls_back_to_the_next_best(monkeypatch, synth):
    first = synth
    real_fit = forecast.FITTERS[first.model]

    def fails_with_intervals(log_values, first_year, steps, intervals):
        if intervals:  # only the final fit asks for intervals; the backtest fits still work
            raise ValueError("did not converge")
        return real_fit(log_values, first_year, steps, intervals)

    monkeypatch.setitem(forecast.FITTERS, first.model, fails_with_intervals)
    second = forecast.forecast_income(synthetic())
    assert second.model != first.model
    assert "拟合失败" in second.reason and forecast.MODEL_LABELS[first.model] in second.reason
    pd.testing.assert_frame_equal(second.backtest, first.backtest)


def test_no_statsmodels_warnings_escape_and_filters_are_restored(real):
    # On the real urban series some backtest ARIMA fits stop at the iteration limit (ConvergenceWarning);
    # the estimates are still usable, and the noise must not reach the page or the global filters.
    before = list(warnings.filters)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        forecast.forecast_income(real["urban"].history)
    assert caught == []
    assert warnings.filters == before


@pytest.mark.parametrize("key", ["urban", "rural"])
def test_real_series_forecast_to_2030(real, key):
    result = real[key]
    assert result.indicator == forecast.INDICATORS[key]
    assert result.model in forecast.MODEL_LABELS and result.model != "drift"
    assert result.reason and result.reason.endswith("。")
    assert list(result.history.index) == list(range(2014, 2023))
    assert list(result.forecast.index) == list(range(2023, 2031))
    assert result.forecast.index.name == "year"
    assert list(result.forecast.columns) == list(forecast.FORECAST_COLUMNS)
    table = result.backtest
    assert set(table.loc[table["model"] == "drift", "horizon"]) == {1, 2, 3}
    assert set(table["horizon"]) == {1, 2, 3}
    assert (table["origins"] >= 1).all()


def test_real_urban_2025_is_plausible(real):
    # 2022 urban income was 35,471 元 after a −0.5% shock; 2014–2021 growth ran 3.4–7.2% a year.
    # Three years on, anything below the 2022 level (no recovery at all) or above 45,000 (≈ +8.3% a year,
    # faster than any year observed) would mean the model extrapolated the shock or compounded an
    # outlier, not that it learnt the series.
    urban_2025 = real["urban"].forecast.loc[2025, "mean"]
    assert 35_000 < urban_2025 < 45_000
    # Rural income grows faster than urban in every year of the data; its forecast stays below urban.
    assert real["rural"].forecast.loc[2025, "mean"] < urban_2025


def test_intervals_are_never_narrower_than_the_drift_benchmark():
    """Planners use the bounds as income paths: a band narrower than naive drift's would overstate certainty."""
    import numpy as np

    from analytics.forecast import _drift_half_widths, forecast_province_income
    from analytics.loaders import load_table

    for fc in forecast_province_income(load_table("province_annual")).values():
        logs = np.log(fc.forecast)
        for suffix, level in (("80", 0.80), ("95", 0.95)):
            half = _drift_half_widths(np.log(fc.history.to_numpy()), len(logs), level)
            assert (logs["mean"] - logs[f"lower{suffix}"] >= half - 1e-9).all()
            assert (logs[f"upper{suffix}"] - logs["mean"] >= half - 1e-9).all()
