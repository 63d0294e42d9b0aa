"""Income forecasts for the standard-setting rule (issue 3).

The dibao rule ties next years' standards to per-capita disposable income two years earlier, so the
standards to 2030 need an income path to 2028–2030. What the data allows shapes every choice here:

* The series are short: nine annual points (2014–2022). That is too few to trust any one model's
  in-sample fit, so the model is chosen per series by a rolling-origin backtest (fit on the data up to
  an origin, forecast 1–3 years ahead, score by MAPE) instead of by AIC.
* Income grows roughly by a constant *percentage*, so every model works on log income: a linear trend
  in logs is compound growth, errors are proportional to the level, and the back-transformed
  intervals cannot go below zero.
* 2022 is a shock year (urban −0.5% after +6.7%). A plain linear trend would extrapolate the pre-shock
  speed for ever and a model that chases the last change would extrapolate the shock, so the
  candidates are an ETS model with an additive *damped* trend (growth speed adapts and flattens out
  instead of compounding without limit) and an ARIMA(1,1,0) with drift (growth returns to its
  average after a shock), with a log-linear OLS trend as the third candidate and as the fallback for
  series too short for the other two.
* A naive random walk with drift on levels is reported as a benchmark in the backtest table: a model
  that cannot beat it adds nothing but false confidence, and the `reason` says so when that happens.
  It is never used for the forecast itself.

Back-transform: the models give a point forecast and prediction intervals for log income; the
levels are their exponentials. exp of the interval bounds is an exact interval for the level (the
exponential is monotone); exp of the log point forecast is the *median* of the implied log-normal
level, slightly below its mean (by a factor exp(σ²/2), under 0.5% at these horizons), and is what the
``mean`` column holds.

Interval honesty: every interval comes from its model's in-sample residuals. On nine points ETS may
estimate α ≈ β ≈ 0 (a deterministic damped trend) and then reports a band far narrower than the errors
the same model made in the backtest (±2.4% at three years against a 5% backtest error). Planners use
the interval bounds as pessimistic and optimistic income paths, so a band that narrow would tell them
the future is known. Every interval is therefore at least as wide as the random walk with drift's
(σ of yearly log growth × √(h·(1 + h/T)), the textbook naive-benchmark interval), centred on the
chosen model's forecast; `reason` says when this widening applied, and still warns if the result is
narrower than the backtest errors.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.tools.sm_exceptions import ConvergenceWarning, ValueWarning
from statsmodels.tsa.arima.model import ARIMA
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

MODEL_LABELS: dict[str, str] = {
    "ets_damped": "ETS（对数收入，加性阻尼趋势）",
    "arima_drift": "ARIMA(1,1,0)（对数收入，含漂移项）",
    "loglinear": "对数线性趋势（OLS）",
    "drift": "随机游走加漂移（朴素基准）",
}

INDICATORS: dict[str, str] = {"urban": "urban_disposable_income", "rural": "rural_disposable_income"}

CANDIDATES: tuple[str, ...] = ("ets_damped", "arima_drift", "loglinear")  # in order of preference on ties
BENCHMARK = "drift"
FALLBACK = "loglinear"
BACKTEST_HORIZONS: tuple[int, ...] = (1, 2, 3)
# Smallest training window of a backtest origin. ETS estimates five numbers (α, β, φ, initial level and
# trend); with fewer than five points its fit is meaningless, and with nine points in all, five leaves
# four origins for h=1 and two for h=3.
MIN_TRAIN = 5
# Below this many points ETS/ARIMA are not fitted at all (the backtest would have at most one origin
# for h=1 and none for h=3, i.e. no basis to choose them), and the log-linear trend is used.
MIN_POINTS_FOR_MODELS = 7
# The log-linear trend needs one residual degree of freedom for its prediction interval.
MIN_POINTS_LOGLINEAR = 3
ARIMA_ORDER = (1, 1, 0)  # (0,1,1) fits the same data no better and is ~10× slower to estimate on 5 points
ETS_MAXITER = 200
INTERVALS: dict[int, float] = {80: 0.20, 95: 0.05}  # coverage % -> alpha
FORECAST_COLUMNS: tuple[str, ...] = ("mean", "lower80", "upper80", "lower95", "upper95")
BACKTEST_COLUMNS: tuple[str, ...] = ("model", "horizon", "mape", "origins")
# What a statsmodels fit on a tiny sample may raise; anything else is a bug and should surface.
FIT_ERRORS: tuple[type[Exception], ...] = (
    ValueError,
    np.linalg.LinAlgError,
    FloatingPointError,
    OverflowError,
    ZeroDivisionError,
    IndexError,
)


@dataclass(frozen=True)
class IncomeForecast:
    """One income series' forecast and the evidence for the model behind it."""

    indicator: str  # "urban_disposable_income" / "rural_disposable_income"
    model: str  # key of MODEL_LABELS actually used for the forecast
    reason: str  # Chinese: which model and why
    history: pd.Series  # observed, float, index int years named "year"
    forecast: pd.DataFrame  # index int years last+1..horizon; mean, lower/upper 80 and 95 (元/人·年)
    backtest: pd.DataFrame  # model, horizon, mape (%), origins; one row per model×horizon, incl. "drift"


@contextmanager
def _quiet() -> Iterator[None]:
    """Silence statsmodels' expected noise on tiny samples, here only (never process-wide)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", ValueWarning)
        warnings.filterwarnings("ignore", message="Non-stationary starting autoregressive")
        warnings.filterwarnings("ignore", message="Non-invertible starting MA")
        warnings.filterwarnings("ignore", category=RuntimeWarning)
        yield


def _as_periods(log_values: np.ndarray, first_year: int) -> pd.Series:
    """A yearly PeriodIndex series: statsmodels 0.15 with pandas 3 needs an index for get_prediction."""
    index = pd.period_range(str(first_year), periods=len(log_values), freq="Y")
    return pd.Series(log_values, index=index, dtype=float)


def _interval_frame(mean: np.ndarray, bounds: dict[int, tuple[np.ndarray, np.ndarray]]) -> pd.DataFrame:
    frame = pd.DataFrame({"mean": np.asarray(mean, dtype=float)})
    for level, (lower, upper) in bounds.items():
        frame[f"lower{level}"] = np.asarray(lower, dtype=float)
        frame[f"upper{level}"] = np.asarray(upper, dtype=float)
    return frame[list(FORECAST_COLUMNS)]


def _fit_ets(log_values: np.ndarray, first_year: int, steps: int, intervals: bool) -> pd.DataFrame:
    """ETS(A,Ad,N) on log income: level + damped additive trend, additive errors.

    Damped because a growth rate estimated from a few years should not be compounded unchanged to 2030;
    φ < 1 lets the trend flatten, and the fit decides how much.
    """
    y = _as_periods(log_values, first_year)
    fit = ETSModel(y, error="add", trend="add", damped_trend=True).fit(disp=False, maxiter=ETS_MAXITER)
    if not intervals:
        return pd.DataFrame({"mean": np.asarray(fit.forecast(steps), dtype=float)})
    n = len(log_values)
    prediction = fit.get_prediction(start=n, end=n + steps - 1)
    bounds = {}
    for level, alpha in INTERVALS.items():
        frame = prediction.summary_frame(alpha=alpha)
        bounds[level] = (frame["pi_lower"].to_numpy(), frame["pi_upper"].to_numpy())
    return _interval_frame(prediction.predicted_mean.to_numpy(), bounds)


def _fit_arima(log_values: np.ndarray, first_year: int, steps: int, intervals: bool) -> pd.DataFrame:
    """ARIMA(1,1,0) with drift on log income: growth reverts to its mean after a shock like 2022."""
    y = _as_periods(log_values, first_year)
    fit = ARIMA(y, order=ARIMA_ORDER, trend="t").fit()
    if not intervals:
        return pd.DataFrame({"mean": np.asarray(fit.forecast(steps), dtype=float)})
    prediction = fit.get_forecast(steps)
    bounds = {}
    for level, alpha in INTERVALS.items():
        frame = prediction.summary_frame(alpha=alpha)
        bounds[level] = (frame["mean_ci_lower"].to_numpy(), frame["mean_ci_upper"].to_numpy())
    return _interval_frame(prediction.predicted_mean.to_numpy(), bounds)


def _fit_loglinear(log_values: np.ndarray, first_year: int, steps: int, intervals: bool) -> pd.DataFrame:
    """OLS of log income on a time trend (constant growth); needs only three points.

    Its prediction interval (obs_ci) combines residual scatter and trend uncertainty, so it widens as
    the forecast year moves away from the sample.
    """
    n = len(log_values)
    fit = sm.OLS(log_values, sm.add_constant(np.arange(n, dtype=float))).fit()
    future = sm.add_constant(np.arange(n, n + steps, dtype=float), has_constant="add")
    prediction = fit.get_prediction(future)
    if not intervals:
        return pd.DataFrame({"mean": np.asarray(prediction.predicted_mean, dtype=float)})
    bounds = {}
    for level, alpha in INTERVALS.items():
        frame = prediction.summary_frame(alpha=alpha)
        bounds[level] = (frame["obs_ci_lower"].to_numpy(), frame["obs_ci_upper"].to_numpy())
    return _interval_frame(prediction.predicted_mean, bounds)


FITTERS: dict[str, Callable[[np.ndarray, int, int, bool], pd.DataFrame]] = {
    "ets_damped": _fit_ets,
    "arima_drift": _fit_arima,
    "loglinear": _fit_loglinear,
}


def _drift_levels(levels: np.ndarray, steps: int) -> np.ndarray:
    """Naive benchmark on levels: last value plus h times the average historical yearly change."""
    slope = (levels[-1] - levels[0]) / (len(levels) - 1)
    return levels[-1] + slope * np.arange(1, steps + 1)


def _point_levels(model: str, levels: np.ndarray, first_year: int, steps: int) -> np.ndarray:
    """Point forecasts in 元 for 1..steps years ahead; raises a FIT_ERRORS error if the fit fails."""
    if model == BENCHMARK:
        return _drift_levels(levels, steps)
    with _quiet():
        log_mean = FITTERS[model](np.log(levels), first_year, steps, False)["mean"].to_numpy()
    result = np.exp(log_mean)
    if len(result) != steps or not np.all(np.isfinite(result)):
        raise ValueError(f"{model}: non-finite forecast")
    return result


def backtest(history: pd.Series, models: tuple[str, ...]) -> pd.DataFrame:
    """Rolling-origin backtest: MAPE (%) per model × horizon 1–3.

    Every origin with at least MIN_TRAIN points is used: fit on the data up to the origin, forecast
    1–3 years ahead where the actual exists. A fit that fails at one origin is skipped there, so
    ``origins`` counts the origins a model actually contributed; a model×horizon with none is omitted.
    """
    levels = history.to_numpy(dtype=float)
    first_year = int(history.index[0])
    errors: dict[tuple[str, int], list[float]] = {}
    for end in range(MIN_TRAIN, len(levels)):
        steps = min(max(BACKTEST_HORIZONS), len(levels) - end)
        actual = levels[end : end + steps]
        for model in models:
            try:
                predicted = _point_levels(model, levels[:end], first_year, steps)
            except FIT_ERRORS:
                continue
            for h in range(1, steps + 1):
                ape = abs(predicted[h - 1] - actual[h - 1]) / actual[h - 1] * 100
                errors.setdefault((model, h), []).append(float(ape))
    rows = [
        {
            "model": model,
            "horizon": h,
            "mape": float(np.mean(errors[model, h])),
            "origins": len(errors[model, h]),
        }
        for model in models
        for h in BACKTEST_HORIZONS
        if (model, h) in errors
    ]
    frame = pd.DataFrame(rows, columns=list(BACKTEST_COLUMNS))
    return frame.astype({"model": "str", "horizon": "int64", "mape": "float64", "origins": "int64"})


def _mean_mape(table: pd.DataFrame) -> dict[str, float]:
    """Each model's MAPE averaged over the horizons it has (1–3)."""
    if table.empty:
        return {}
    return {str(k): float(v) for k, v in table.groupby("model")["mape"].mean().items()}


def _pct(value: float) -> str:
    return f"{value:.1f}%" if value >= 0.95 else f"{value:.2f}%"


def _choice_reason(
    chosen: str, table: pd.DataFrame, candidates: tuple[str, ...], failed: dict[str, str], n: int
) -> str:
    """Chinese sentence: which model is used, on what evidence, and how it fares against the benchmark."""
    label = MODEL_LABELS[chosen]
    scores = _mean_mape(table)
    ranked = sorted((m for m in candidates if m in scores), key=lambda m: scores[m])
    parts: list[str] = []
    if n < MIN_POINTS_FOR_MODELS:
        parts.append(
            f"仅有 {n} 个数据点，少于 ETS/ARIMA 所需的 {MIN_POINTS_FOR_MODELS} 个，改用{MODEL_LABELS[FALLBACK]}"
        )
    elif not ranked:
        parts.append(f"滚动起点回测未能得到任何候选模型的有效结果，按默认顺序选用{label}")
    else:
        best, *rest = ranked
        others = "，".join(f"{MODEL_LABELS[m]} {_pct(scores[m])}" for m in rest)
        parts.append(
            f"滚动起点回测（训练期至少 {MIN_TRAIN} 年，{int(table['origins'].max())} 个起点）中"
            f"{MODEL_LABELS[best]}的 1–3 年平均 MAPE 最低（{_pct(scores[best])}"
            + (f"；{others}）" if others else "）")
        )
    parts += [
        f"{MODEL_LABELS[m]}在全部 {n} 年数据上拟合失败（{error}），改用{label}" for m, error in failed.items()
    ]
    if chosen in scores and BENCHMARK in scores:
        own, drift = _pct(scores[chosen]), _pct(scores[BENCHMARK])
        if scores[BENCHMARK] < scores[chosen]:
            parts.append(
                f"注意：{MODEL_LABELS[BENCHMARK]}的平均 MAPE（{drift}）低于所选模型（{own}），"
                "在这样短的序列上统计模型并未胜过朴素外推；基准仅作对照，不用于预测"
            )
        else:
            stated = n >= MIN_POINTS_FOR_MODELS and ranked[0] == chosen
            parts.append(
                ("" if stated else f"{label}回测平均 MAPE {own}，")
                + f"优于{MODEL_LABELS[BENCHMARK]}（{drift}）"
            )
    return "；".join(parts) + "。"


def _interval_caveat(chosen: str, table: pd.DataFrame, frame: pd.DataFrame) -> str:
    """A warning when the 95% interval is narrower than the errors the backtest actually saw.

    Model intervals come from in-sample residuals. On nine points ETS can fit an almost deterministic
    damped trend (α, β ≈ 0), and then its interval stays a narrow band to 2030 although the same model
    missed by several per cent three years ahead in the backtest. A calibrated 95% half-width is about
    2.5× the mean absolute error, so one *below* the backtest MAPE is clearly too narrow.
    """
    rows = table[table["model"] == chosen]
    if rows.empty:
        return ""
    h = int(rows["horizon"].max())
    if h > len(frame):
        return ""
    mape = float(rows.loc[rows["horizon"] == h, "mape"].iloc[0])
    step = frame.iloc[h - 1]
    half_width = (step["upper95"] - step["lower95"]) / 2 / step["mean"] * 100
    if half_width >= mape:
        return ""
    return (
        f"注意：第 {h} 年 95% 预测区间的半宽（±{_pct(half_width)}）小于该模型回测中同一步长的 MAPE"
        f"（{_pct(mape)}），区间只反映样本内残差，偏窄，宜视为不确定性的下限。"
    )


INTERVAL_LEVELS: dict[str, float] = {"80": 0.80, "95": 0.95}
WIDENED_NOTE = "模型自身的预测区间窄于随机游走加漂移基准，已按基准的不确定性放宽（以模型预测为中心）。"


def _drift_half_widths(log_values: np.ndarray, steps: int, level: float) -> np.ndarray:
    """Half-widths (log scale) of the random walk with drift's interval, for h = 1..steps.

    se_h = σ·√(h·(1 + h/T)), σ = standard deviation of the yearly log growth and T the number of
    growth observations: the naive benchmark's interval including the uncertainty of its drift.
    """
    growth = np.diff(log_values)
    sigma = float(np.std(growth, ddof=1)) if len(growth) > 1 else 0.0
    h = np.arange(1, steps + 1)
    z = NormalDist().inv_cdf(0.5 + level / 2)
    return z * sigma * np.sqrt(h * (1 + h / len(growth)))


def widen_to_drift(log_frame: pd.DataFrame, log_values: np.ndarray) -> tuple[pd.DataFrame, bool]:
    """Widen each interval (log scale) to at least the drift benchmark's, around the model's mean."""
    out = log_frame.copy()
    widened = False
    for suffix, level in INTERVAL_LEVELS.items():
        half = _drift_half_widths(log_values, len(out), level)
        lower = np.minimum(out[f"lower{suffix}"].to_numpy(), out["mean"].to_numpy() - half)
        upper = np.maximum(out[f"upper{suffix}"].to_numpy(), out["mean"].to_numpy() + half)
        widened |= bool(np.any(lower < out[f"lower{suffix}"].to_numpy() - 1e-12)
                        or np.any(upper > out[f"upper{suffix}"].to_numpy() + 1e-12))
        out[f"lower{suffix}"], out[f"upper{suffix}"] = lower, upper
    return out, widened


def _clean(history: pd.Series) -> pd.Series:
    """Float series on consecutive int years, sorted; raises ValueError when it cannot be modelled."""
    values = pd.Series(history, dtype=float).dropna()
    values.index = pd.Index([int(y) for y in values.index], name="year")
    values = values.sort_index()
    if len(values) < MIN_POINTS_LOGLINEAR:
        raise ValueError(f"收入序列只有 {len(values)} 个数据点，至少需要 {MIN_POINTS_LOGLINEAR} 个才能预测")
    if (values <= 0).any():
        raise ValueError("收入序列含有非正值，无法取对数")
    if values.index.has_duplicates or (np.diff(values.index.to_numpy()) != 1).any():
        raise ValueError("收入序列的年份不连续或重复，无法按年建模")
    values.name = history.name
    return values


def forecast_income(history: pd.Series, horizon: int = 2030) -> IncomeForecast:
    """Forecast one income series (index int year, values 元/人·年) to `horizon` with 80%/95% intervals.

    Model choice: the candidate (ETS damped, ARIMA with drift, log-linear) with the lowest MAPE averaged
    over horizons 1–3 in the rolling-origin backtest; the drift benchmark is scored but never chosen.
    If the chosen model cannot be fitted on the full series the next best is tried, the log-linear trend
    last. Series shorter than MIN_POINTS_FOR_MODELS go straight to the log-linear trend.
    """
    clean = _clean(history)
    indicator = str(history.name) if history.name is not None else ""
    first_year, last_year = int(clean.index[0]), int(clean.index[-1])
    steps = horizon - last_year
    if steps < 1:
        raise ValueError(f"预测终点 {horizon} 年不晚于最后观测年 {last_year} 年")

    n = len(clean)
    candidates = CANDIDATES if n >= MIN_POINTS_FOR_MODELS else (FALLBACK,)
    table = backtest(clean, (*candidates, BENCHMARK))
    scores = _mean_mape(table)
    order = sorted(candidates, key=lambda m: (m not in scores, scores.get(m, 0.0), CANDIDATES.index(m)))
    if FALLBACK not in order:
        order.append(FALLBACK)

    levels = clean.to_numpy()
    failed: dict[str, str] = {}
    for model in order:
        try:
            with _quiet():
                log_frame = FITTERS[model](np.log(levels), first_year, steps, True)
            if not np.all(np.isfinite(log_frame.to_numpy())):
                raise ValueError("预测值非有限")
        except FIT_ERRORS as exc:
            failed[model] = type(exc).__name__
            continue
        break
    else:  # only reached if even the log-linear trend failed
        raise ValueError(f"所有模型均无法拟合：{failed}")

    log_frame, widened = widen_to_drift(log_frame, np.log(levels))
    frame = np.exp(log_frame)
    frame.index = pd.Index(range(last_year + 1, horizon + 1), name="year")
    widening = WIDENED_NOTE if widened else ""
    history_out = clean.rename(indicator or None)
    return IncomeForecast(
        indicator=indicator,
        model=model,
        reason=_choice_reason(model, table, candidates, failed, n) + widening
        + _interval_caveat(model, table, frame),
        history=history_out,
        forecast=frame,
        backtest=table,
    )


def income_series(annual: pd.DataFrame, indicator: str) -> pd.Series:
    """One indicator from the long province_annual frame as a float Series indexed by int year."""
    rows = annual.loc[annual["indicator"] == indicator, ["year", "value"]]
    series = pd.Series(
        rows["value"].to_numpy(dtype=float), index=pd.Index(rows["year"].astype(int), name="year")
    )
    return series.sort_index().rename(indicator)


def forecast_province_income(annual: pd.DataFrame, horizon: int = 2030) -> dict[str, IncomeForecast]:
    """Urban and rural per-capita disposable income forecasts for the province, keys "urban"/"rural"."""
    return {key: forecast_income(income_series(annual, name), horizon) for key, name in INDICATORS.items()}
