"""What one scenario produces: income paths, the 24号 ratio rule, the tiered guidance, the projection.

`scenario_outcome` is the single entry point every page and benchmark uses (标准测算, 县域地图, 十四五指标,
bench/scenario.py): whatever shows a guidance standard for a scenario gets it from here, so the map and
标准测算 cannot drift apart again (REVIEW.md, defect 2). The steps, each in its own module:

1. income paths from the cached forecasts (`analytics.standards.income_path`);
2. the 24号 ratio rule for the province (`analytics.standards.ratio_rule`: ratio × income(t − lag), floor,
   catch-up);
3. the guidance of every county: the notices' tiers, and next year's tiers set by the planner or derived
   from the rule (`analytics.guidance.scenario_guidance`);
4. the province projection and indicators 1–3 on the population-weighted guidance where a year has tiers,
   on the rule elsewhere (`analytics.standards.project_standards`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.forecast import IncomeForecast
from analytics.guidance import (
    SIDES,
    GuidanceInputs,
    ScenarioGuidance,
    check_scenario,
    guidance_data,
    guidance_inputs,
    population_weights,
    scenario_guidance,
)
from analytics.parameters import PolicyParameter
from analytics.scenario import Scenario
from analytics.standards import (
    MONTHS_PER_YEAR,
    income_path,
    observed_standards,
    project_standards,
    ratio_rule,
)

PROJECTION_START = 2021  # the first year after the plan's 2020 base


@dataclass(frozen=True)
class ScenarioContext:
    """Everything a scenario is computed on that does not depend on the scenario (cached by the pages)."""

    parameters: Mapping[str, PolicyParameter]
    forecasts: Mapping[str, IncomeForecast]
    observed: Mapping[str, pd.Series]  # published province standards (元/人·年) by year
    guidance: GuidanceInputs


@dataclass(frozen=True)
class ScenarioOutcome:
    scenario: Scenario  # as computed: tier values and moves checked against the data
    notices: tuple[str, ...]  # what the data check changed, in Chinese
    incomes: Mapping[str, pd.Series]
    rule: pd.DataFrame  # the 24号 ratio rule by year: urban, rural (元/人·月)
    guidance: ScenarioGuidance
    projection: pd.DataFrame  # `project_standards` columns

    @property
    def next_year(self) -> int:
        return self.guidance.next_year


def scenario_context(annual: pd.DataFrame, parameters: Mapping[str, PolicyParameter],
                     forecasts: Mapping[str, IncomeForecast], counties: pd.DataFrame,
                     guidance_standards: pd.DataFrame, guidance_tiers: pd.DataFrame) -> ScenarioContext:
    """The context from the loaded tables (`load_table`) and the fitted income forecasts."""
    floor = parameters["poverty_line_floor"].current.value
    inputs = guidance_inputs(guidance_data(guidance_standards, guidance_tiers), population_weights(counties),
                             float(floor if floor is not None else np.nan) / MONTHS_PER_YEAR)
    return ScenarioContext(parameters=parameters, forecasts=forecasts, observed=observed_standards(annual),
                           guidance=inputs)


def scenario_outcome(scenario: Scenario, context: ScenarioContext, start: int = PROJECTION_START
                     ) -> ScenarioOutcome:
    """The whole scenario, from income to every county's guidance and the province indicators."""
    checked, notices = check_scenario(scenario, context.guidance.data, context.guidance.codes)
    incomes = {side: income_path(context.forecasts[side], checked.income_path, checked.custom_growth_pct,
                                 checked.horizon) for side in SIDES}
    years = range(start, checked.horizon + 1)
    rule_year = ratio_rule(incomes, checked, context.parameters, context.observed, years)
    rule = pd.DataFrame({side: rule_year[f"{side}_year"] / MONTHS_PER_YEAR for side in SIDES})
    guidance = scenario_guidance(context.guidance, rule, mode=checked.guidance_mode,
                                 set_values={side: checked.tier_values(side) for side in SIDES},
                                 moves=checked.tier_moves)
    projection = project_standards(incomes, checked, context.parameters, context.observed, start,
                                   guidance=guidance.province, rule=rule_year)
    return ScenarioOutcome(scenario=checked, notices=tuple(notices), incomes=incomes, rule=rule,
                           guidance=guidance, projection=projection)
