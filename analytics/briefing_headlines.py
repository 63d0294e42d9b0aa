"""Headline sentences for briefing slides, generated from the data.

One message per slide, in Chinese, stating the figure and how it stands against its target. The
sentence templates and the indicator subjects are data (the dicts below); every number comes from the
caller. A value that is not plainly official carries its mark in the sentence itself (（示例数据）,
（待核实）), so a headline copied into a document keeps it.
"""

from __future__ import annotations

from collections.abc import Mapping

from analytics.numbers import finite_or_none
from analytics.provenance import STATUS_MARKS

# How an indicator's value reads inside a sentence ("2024年{subject}70.7%"). Indicators not listed read
# "{name}为".
INDICATOR_SUBJECTS: dict[int, str] = {
    2: "农村低保指导标准相当于城市的",
    3: "特困人员基本生活标准相当于上年度低保标准的",
    4: "低保、特困和临时救助审核确认权限下放到乡镇（街道）的比例为",
    8: "社会救助热线接入“12345”的县（市、区）占比为",
}
# Which statuses are named in a headline: the weak ones a reader must not take as official figures.
MARKED_IN_HEADLINE: tuple[str, ...] = ("illustrative", "recalled")
SIDE_NAMES = {"urban": "城市", "rural": "农村"}
PERCENT_TOLERANCE = 0.05  # a share shown as 75.0% "reaches" 75%: within half of the shown last digit


def _pct(value: float) -> str:
    return f"{value:.1f}%"


def _target(value: float) -> str:
    return f"{value:g}%"


def _month(period: str) -> str:
    """"2024-06" → "2024年6月"; a year stays "2024年"."""
    year, _, month = str(period).partition("-")
    return f"{year}年{int(month)}月" if month else f"{year}年"


def with_mark(sentence: str, statuses: tuple[str, ...] | list[str] | set[str]) -> str:
    """The sentence with the weakest status it rests on named at its end (（示例数据）)."""
    marks = [STATUS_MARKS[s] for s in MARKED_IN_HEADLINE if s in set(statuses)]
    return sentence + (f"（{'、'.join(marks)}）" if marks else "")


def indicator_headline(number: int, name: str, target: float | None, year: int | None, value: float | None,
                       met: bool | None, status: str, period: str = "") -> str:
    """The sentence for one plan indicator: its latest value against the 2025 target.

    `met` is the progress methods' verdict on the latest value (analytics.progress_methods.meets_target);
    indicator 1 has no level target (`target` None): `value` is then the margin in percentage points of
    standard growth over income growth for `period`.
    """
    value = finite_or_none(value)
    if value is None or year is None:
        return f"{name}：没有可用的公开数据，暂无法评估进度"
    if target is None:
        when = f"{period}年" if period else f"{year}年"
        sentence = (f"{when}城乡低保标准年均增速比居民收入增速{'高' if value >= 0 else '低'}"
                    f"{abs(value):.1f}个百分点，{'达到' if met else '未达到'}“不低于收入增速”的目标")
        return with_mark(sentence, [status])
    subject = INDICATOR_SUBJECTS.get(number, f"{name}为")
    if met:
        verb = "已超过" if value > target + PERCENT_TOLERANCE else "已达到"
        sentence = f"{year}年{subject}{_pct(value)}，{verb}{_target(target)}的目标"
    else:
        sentence = f"{year}年{subject}{_pct(value)}，距{_target(target)}的目标还差{target - value:.1f}个百分点"
    return with_mark(sentence, [status])


def overview_headline(period: str, dibao: float, tekun: float, statuses: tuple[str, ...] = ()) -> str:
    """Caseloads in 万人, the latest month with both urban and rural counts."""
    return with_mark(f"截至{_month(period)}，全省城乡低保对象{dibao:,.1f}万人、特困人员{tekun:,.1f}万人", statuses)


def income_headline(year: int, urban_share: float, rural_share: float, statuses: tuple[str, ...] = ()) -> str:
    """Each side's standard as a share of its per-capita disposable income (both in %)."""
    return with_mark(f"{year}年城市低保标准相当于城镇居民人均可支配收入的{_pct(urban_share)}，"
                     f"农村为{_pct(rural_share)}", statuses)


def projection_headline(name: str, reach_year: int | None, target: float, end_year: int, end_ratio: float,
                        statuses: tuple[str, ...] = ()) -> str:
    """When the scenario's rural standard reaches the target share of the urban one, or where it ends."""
    quoted = f"“{name}”" + ("" if name.endswith("情景") else "情景")
    if reach_year is not None:
        sentence = f"按{quoted}，农村低保标准{reach_year}年达到城市的{_target(target)}"
    else:
        sentence = (f"按{quoted}，到{end_year}年农村低保标准为城市的{_pct(end_ratio)}，"
                    f"仍未达到{_target(target)}的目标")
    return with_mark(sentence, statuses)


def _counted(counts: Mapping[str, int], unit: str = "项") -> str:
    return "、".join(f"{n}{unit}{label}" for label, n in counts.items() if n)


def indicator_table_headline(counts: Mapping[str, int], statuses: tuple[str, ...] = ()) -> str:
    """Counts per progress status, in the order given (zeros left out)."""
    total = sum(counts.values())
    return with_mark(f"规划{total}项主要指标中，{_counted(counts)}", statuses)


def targets_headline(counts: Mapping[str, int], documents: int) -> str:
    """The register's targets per assessment, in the order given (zeros left out)."""
    total = sum(counts.values())
    return f"{documents}份文件的{total}项量化目标中，{_counted(counts)}"


def category_map_headline(year: int, label: str, met: int, unmet: int, no_data: int,
                          statuses: tuple[str, ...] = ()) -> str:
    sentence = f"{year}年{met}个县（市、区）{label}达标，{unmet}个未达标"
    if no_data:
        sentence += f"，{no_data}个无数据"
    return with_mark(sentence, statuses)


def level_map_headline(year: int, label: str, unit: str, low: float | None, high: float | None,
                       province: float | None, statuses: tuple[str, ...] = ()) -> str:
    if low is None or high is None:
        return f"{year}年{label}：各县（市、区）均无数据"
    sentence = f"{year}年各县（市、区）{label}在{low:,.1f}至{high:,.1f}{unit}之间"
    if province is not None:
        sentence += f"，全省为{province:,.1f}{unit}"
    return with_mark(sentence, statuses)


def gap_map_headline(year: int, side: str, below: int, largest_gap: float | None, known: int,
                     statuses: tuple[str, ...] = ()) -> str:
    """Counties whose standard is below their tier's guidance, and the largest shortfall (元/人·月)."""
    area = SIDE_NAMES[side]
    if known == 0:
        return f"{year}年{area}低保标准与省定最低指导标准：暂无可比数据"
    if below == 0:
        return with_mark(f"{year}年有数据的{known}个县（市、区）{area}低保标准均不低于省定最低指导标准", statuses)
    return with_mark(f"{year}年{below}个县（市、区）{area}低保标准低于省定最低指导标准，"
                     f"最多低{largest_gap:,.0f}元/人·月", statuses)


def tier_map_headline(year: int, label: str, counts: Mapping[str, int], statuses: tuple[str, ...] = ()) -> str:
    """Counties per tier ("第一档12个、第二档20个"), tiers in the order given, zeros left out."""
    return with_mark(f"{year}年{label}：" + "、".join(f"{k}{n}个" for k, n in counts.items() if n), statuses)
