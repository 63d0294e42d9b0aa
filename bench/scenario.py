"""Benchmark: recomputing one 标准测算 scenario, and the first (uncached) income-forecast fit.

Targets (issue 3): one scenario for all years and the 60 counties in <= 20 ms median, with the
forecasts cached as the page caches them. Prints figures; asserts nothing.

The 60-county part uses county incomes made by scaling the province series with fixed factors:
there are no published county incomes, and only the arithmetic's cost is measured here.

    python bench/scenario.py [--repeat 200]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analytics.forecast import forecast_province_income  # noqa: E402
from analytics.loaders import load_table  # noqa: E402
from analytics.parameters import load_parameters  # noqa: E402
from analytics.scenario import baseline_scenario  # noqa: E402
from analytics.standards import (  # noqa: E402
    annual_cost,
    counties_below_line,
    guidance_standard,
    income_path,
    latest_caseload,
    observed_standards,
    project_standards,
)

COLD_FIT_SNIPPET = """
import sys, time
sys.path.insert(0, {root!r})
t0 = time.perf_counter()
from analytics.forecast import forecast_province_income
from analytics.loaders import load_table
t1 = time.perf_counter()
forecast_province_income(load_table("province_annual"))
t2 = time.perf_counter()
print(f"{{t1 - t0:.3f}} {{t2 - t1:.3f}}")
"""


def county_incomes(province: pd.Series, codes: list[str], seed: int = 7) -> pd.DataFrame:
    """60 rows of plausible county incomes (province x a fixed factor): timing input only."""
    factors = np.random.default_rng(seed).uniform(0.7, 1.3, size=len(codes))
    return pd.DataFrame(np.outer(factors, province.to_numpy()), index=codes, columns=province.index)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()

    annual = load_table("province_annual")
    monthly = load_table("assistance_monthly")
    params = load_parameters()
    codes = load_table("counties")["code"].tolist()
    forecasts = forecast_province_income(annual)  # what the page holds in st.cache_data
    observed = observed_standards(annual)
    caseload = latest_caseload(monthly)
    base_year = int(str(caseload["month"].iloc[0])[:4])
    scenario = replace(baseline_scenario(params), rural_ratio=0.35, catch_up_year=2027)
    baseline = baseline_scenario(params)

    def project(s):
        incomes = {side: income_path(forecasts[side], s.income_path, s.custom_growth_pct, s.horizon)
                   for side in ("urban", "rural")}
        return incomes, project_standards(incomes, s, params, observed)

    _, baseline_projection = project(baseline)

    def one_scenario() -> None:
        incomes, projection = project(scenario)
        annual_cost(projection, baseline_projection, caseload, base_year)
        urban = guidance_standard(county_incomes(incomes["urban"], codes), scenario.urban_ratio, scenario.lag)
        rural = guidance_standard(county_incomes(incomes["rural"], codes), scenario.rural_ratio, scenario.lag,
                                  floor=params["poverty_line_floor"].current.value)
        year = 2025
        current = pd.DataFrame({"urban_month": urban[year - 1] / 12, "rural_month": rural[year - 1] / 12})
        guidance = pd.DataFrame({"urban_month": urban[year] / 12, "rural_month": rural[year] / 12})
        counties_below_line(current, guidance)

    one_scenario()  # warm-up
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        one_scenario()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    median, p95 = statistics.median(times), times[int(0.95 * len(times)) - 1]

    cold = subprocess.run([sys.executable, "-c", COLD_FIT_SNIPPET.format(root=str(ROOT))], capture_output=True,
                          text=True, check=True, cwd=ROOT)
    import_s, fit_s = (float(x) for x in cold.stdout.split())

    print("scenario benchmark (province + 60 counties, forecasts cached)")
    print(f"  one scenario, all years 2021-{scenario.horizon}: median {median:.2f} ms, p95 {p95:.2f} ms "
          f"over {args.repeat} runs  (target <= 20 ms: {'PASS' if median <= 20 else 'MISS'})")
    print(f"  first forecast fit in a fresh process: import {import_s:.2f} s + fit and backtest {fit_s:.2f} s "
          "(urban + rural, both model families)")


if __name__ == "__main__":
    main()
