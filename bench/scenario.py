"""Benchmark: recomputing one 标准测算 scenario with tiered guidance, and the first income-forecast fit.

Target (issue 9): one scenario with tiers — the 24号 rule, next year's tiers set by hand, every county's
guidance for every year, the gaps of the 60 counties for all guidance years, the cost of lifting them and
the province cost — in <= 20 ms median, with the forecasts cached as the page caches them (before tiers,
issue 3 measured about 11 ms). It calls exactly what the pages call: `analytics.outcome.scenario_outcome`,
`analytics.compliance.guidance_gaps` / `lifting_cost` and `analytics.standards.annual_cost`. Prints figures;
asserts nothing.

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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analytics.compliance import guidance_gaps, lifting_cost, local_standards  # noqa: E402
from analytics.county_data import county_table  # noqa: E402
from analytics.county_status import value_status  # noqa: E402
from analytics.forecast import forecast_province_income  # noqa: E402
from analytics.loaders import load_table  # noqa: E402
from analytics.outcome import scenario_context, scenario_outcome  # noqa: E402
from analytics.parameters import load_parameters  # noqa: E402
from analytics.scenario import baseline_scenario  # noqa: E402
from analytics.standards import annual_cost, latest_caseload  # noqa: E402

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


def _median_p95(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[max(int(0.95 * len(times)) - 1, 0)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()

    annual = load_table("province_annual")
    params = load_parameters()
    counties = load_table("counties")
    caseload = latest_caseload(load_table("assistance_monthly"))
    base_year = int(str(caseload["month"].iloc[0])[:4])
    context = scenario_context(annual, params, forecast_province_income(annual), counties,
                               load_table("guidance_standards"), load_table("guidance_tiers"))
    table, origin = county_table()
    statuses, _ = value_status(table, origin, load_table("county_standards_observed"))
    local = local_standards(table, statuses, context.guidance.codes)  # the page caches this per data version
    baseline = baseline_scenario(params)
    baseline_projection = scenario_outcome(baseline, context).projection
    scenario = replace(baseline, rural_ratio=0.35, catch_up_year=2027, guidance_mode="tiers",
                       urban_tiers=(800.0, 700.0, 650.0, 590.0), rural_tiers=(560.0, 520.0, 480.0, 450.0),
                       tier_moves=(("urban", "220122", 1), ("rural", "222401", 2)))

    def one_scenario() -> None:
        result = scenario_outcome(scenario, context)
        gaps = guidance_gaps(result.guidance, local)  # all guidance years: what the map draws
        lifting_cost(gaps[gaps["year"] == result.next_year], local)
        annual_cost(result.projection, baseline_projection, caseload, base_year)

    def step_parts() -> dict[str, float]:
        t0 = time.perf_counter()
        result = scenario_outcome(scenario, context)
        t1 = time.perf_counter()
        gaps = guidance_gaps(result.guidance, local)
        t2 = time.perf_counter()
        lifting_cost(gaps[gaps["year"] == result.next_year], local)
        annual_cost(result.projection, baseline_projection, caseload, base_year)
        t3 = time.perf_counter()
        return {"outcome": (t1 - t0) * 1000, "gaps": (t2 - t1) * 1000, "costs": (t3 - t2) * 1000}

    one_scenario()  # warm-up
    times, parts = [], {"outcome": [], "gaps": [], "costs": []}
    for _ in range(args.repeat):
        start = time.perf_counter()
        one_scenario()
        times.append((time.perf_counter() - start) * 1000)
        for key, value in step_parts().items():
            parts[key].append(value)
    median, p95 = _median_p95(times)
    years = sorted(scenario_outcome(scenario, context).guidance.years)

    cold = subprocess.run([sys.executable, "-c", COLD_FIT_SNIPPET.format(root=str(ROOT))], capture_output=True,
                          text=True, check=True, cwd=ROOT)
    import_s, fit_s = (float(x) for x in cold.stdout.split())

    print("scenario benchmark (tiers set by hand, 2 tier moves, 60 counties, forecasts cached)")
    print(f"  one scenario: projection 2021-{scenario.horizon}, guidance {years[0]}-{years[-1]} for 60 counties, "
          f"gaps for all guidance years, lifting and province cost")
    print(f"  median {median:.2f} ms, p95 {p95:.2f} ms over {args.repeat} runs  "
          f"(target <= 20 ms: {'PASS' if median <= 20 else 'MISS'}; ratio to the floor {median / 20:.2f})")
    print("  parts (median ms): " + ", ".join(f"{k} {statistics.median(v):.2f}" for k, v in parts.items()))
    print(f"  first forecast fit in a fresh process: import {import_s:.2f} s + fit and backtest {fit_s:.2f} s "
          "(urban + rural, both model families)")


if __name__ == "__main__":
    main()
