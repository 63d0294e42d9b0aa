"""UI strings. Simplified Chinese is the product language; English is a courtesy toggle.

Strings live here, not in pages, so both languages stay complete (a test compares the key sets).
"""

from __future__ import annotations

ZH: dict[str, str] = {
    "app.title": "吉林省社会救助政策分析看板",
    "app.subtitle": "低保标准、收入与“十四五”规划指标",
    "app.lang_toggle": "English",
    "page.overview": "概览",
    "page.data_methods": "数据与方法",
    # status marks
    "status.official": "官方数据",
    "status.derived": "推算值",
    "status.recalled": "待核实",
    "status.illustrative": "示例数据",
    "status.not_set": "文件未规定",
    "status.per_row": "逐行标注",
    "status.per_value": "逐值标注",
    "status.help.recalled": "取自所列官方出版物，但未经再次核对原文，使用前请核实。",
    "status.help.derived": "由官方数据计算得出，计算方法见数据与方法页。",
    "status.help.illustrative": "模型或示意数据，非官方统计。",
    # overview
    "overview.intro": (
        "本页汇总吉林省城乡居民收入、城乡低保标准、救助对象规模与区划人口的最新数据。"
        "每个数字都注明年份与来源；标有「待核实」的数值取自统计公报但尚未复核原文。"
    ),
    "overview.section.income": "居民收入与低保标准",
    "overview.section.caseload": "救助对象与区划",
    "metric.urban_income": "城镇人均可支配收入",
    "metric.rural_income": "农村人均可支配收入",
    "metric.urban_standard": "城市低保标准",
    "metric.rural_standard": "农村低保标准",
    "metric.ratio": "农村/城市低保标准比",
    "metric.dibao_persons": "低保对象",
    "metric.tekun_persons": "特困人员",
    "metric.population": "常住人口",
    "metric.period.census": "2020年第七次全国人口普查",
    "metric.period.standard": "{period}年末 · 元/人·年，约合 {monthly:,.0f} 元/人·月",
    "metric.period.income": "{period}年 · 元/人·年",
    "metric.period.ratio": "{period}年末 · 2025年目标 {target:.0f}%",
    "metric.period.caseload": "{period} 月报 · 城市与农村合计",
    "metric.yoy": "{value:+.1f}% 较上年",
    "metric.gap_to_target": "{value:+.1f} 个百分点（距目标）",
    "metric.counties_note": "{count} 个县级行政区，分属 {prefectures} 个市（州）；另有 {zones} 个统计用开发区",
    "metric.source": "来源：{source}",
    "chart.standards.title": "城乡低保标准与居民人均可支配收入（元/人·年）",
    "chart.standards.caption": (
        "实线为居民人均可支配收入；圆点为低保标准（仅 2015、2020 年有公开的全省数据，其余年份空缺，不作插补）。"
        "空心点为「待核实」数值，菱形为由规划所述增幅推算的数值。"
    ),
    "chart.axis.year": "年份",
    "chart.axis.yuan_year": "元/人·年",
    "series.urban_disposable_income": "城镇居民人均可支配收入",
    "series.rural_disposable_income": "农村居民人均可支配收入",
    "series.urban_dibao_standard": "城市低保标准",
    "series.rural_dibao_standard": "农村低保标准",
    "chart.legend.recalled": "空心点：待核实",
    "chart.legend.derived": "菱形：推算值",
    "chart.hover.status": "数据状态",
    "chart.hover.source": "来源",
    "footer.title": "数据来源",
    "footer.line": "{title}｜{producer}｜许可：{licence}｜获取日期：{date}",
    "footer.more": "各数据集的完整出处、校验和与下载见「数据与方法」页。",
    # data & methods
    "data.intro": (
        "看板所用的每个数据集、每项政策参数和“十四五”指标定义都列于此处，注明发布机构、出处、获取日期、"
        "许可和数据状态，并可下载原始文件。应用启动时会校验每个文件的结构与 SHA-256 校验和。"
    ),
    "data.section.datasets": "数据集",
    "data.section.parameters": "政策参数",
    "data.section.indicators": "“十四五”主要发展指标（2025年目标）",
    "data.section.statuses": "数据状态说明",
    "data.col.title": "数据集",
    "data.col.producer": "发布机构",
    "data.col.source": "出处",
    "data.col.date": "获取日期",
    "data.col.licence": "许可",
    "data.col.status": "数据状态",
    "data.col.file": "文件",
    "data.col.rows": "行数",
    "data.col.sha": "SHA-256（前12位）",
    "data.col.script": "生成脚本",
    "data.download": "下载",
    "data.col.method": "处理方法",
    "data.download_csv": "下载 CSV",
    "data.status_note": "状态说明：{note}",
    "param.col.label": "参数",
    "param.col.value": "取值",
    "param.col.unit": "单位",
    "param.col.effective": "生效日期",
    "param.col.status": "状态",
    "param.col.citation": "依据（文号与条款）",
    "param.col.note": "说明",
    "param.not_set_value": "未规定",
    "param.caption": (
        "比例类参数以小数表示（0.75 即 75%）。“推算值”为本项目由官方数据校准，文件未公布；"
        "“文件未规定”表示文件要求建立机制但未给出数值，测算时需由使用者设定。"
    ),
    "ind.col.number": "序号",
    "ind.col.name": "指标",
    "ind.col.unit": "单位",
    "ind.col.target": "2025年目标值",
    "ind.col.kind": "属性",
    "ind.col.citation": "依据",
    "ind.kind.binding": "约束性",
    "ind.kind.expected": "预期性",
    "statuses.body": (
        "- **官方数据**：见于官方统计表或引用官方统计表的页面的存档副本。\n"
        "- **推算值**：由官方数据计算得出（公式记录于数据文件的说明列），如 2015 年低保标准 = 2020 年标准 ÷ (1 + 规划所述增幅)。\n"
        "- **待核实**：所列官方出版物中的数字，未能再次核对原文；与已核实的相邻年份一致，使用前请核实。\n"
        "- **示例数据**：为演示而生成的数据，不是统计数字，图表上以徽标标明。"
    ),
    "error.data_title": "数据无法加载",
    "error.data_hint": "请检查上述文件后刷新页面；其他页面不受影响的部分仍可使用。",
}

EN: dict[str, str] = {
    "app.title": "Jilin Social Assistance Policy Dashboard",
    "app.subtitle": "Dibao standards, income and the 14th Five-Year-Plan indicators",
    "app.lang_toggle": "English",
    "page.overview": "Overview",
    "page.data_methods": "Data & methods",
    "status.official": "official",
    "status.derived": "derived",
    "status.recalled": "to be verified",
    "status.illustrative": "illustrative",
    "status.not_set": "not set by the documents",
    "status.per_row": "per row",
    "status.per_value": "per value",
    "status.help.recalled": "The named official publication's figure, not re-read from a copy: verify before use.",
    "status.help.derived": "Computed from official figures; the formula is on the Data & methods page.",
    "status.help.illustrative": "Modelled or illustrative values, not official statistics.",
    "overview.intro": (
        "Latest figures on Jilin's urban and rural income, dibao standards, caseload and population. "
        "Every number carries its year and source; values marked 'to be verified' come from a statistical "
        "communiqué not yet re-read."
    ),
    "overview.section.income": "Income and dibao standards",
    "overview.section.caseload": "Caseload and geography",
    "metric.urban_income": "Urban per-capita disposable income",
    "metric.rural_income": "Rural per-capita disposable income",
    "metric.urban_standard": "Urban dibao standard",
    "metric.rural_standard": "Rural dibao standard",
    "metric.ratio": "Rural / urban standard",
    "metric.dibao_persons": "Dibao recipients",
    "metric.tekun_persons": "Tekun persons",
    "metric.population": "Resident population",
    "metric.period.census": "2020 census",
    "metric.period.standard": "end {period} · yuan/person/year, ≈ {monthly:,.0f} a month",
    "metric.period.income": "{period} · yuan/person/year",
    "metric.period.ratio": "end {period} · 2025 target {target:.0f}%",
    "metric.period.caseload": "{period} monthly report · urban + rural",
    "metric.yoy": "{value:+.1f}% on previous year",
    "metric.gap_to_target": "{value:+.1f} pp to target",
    "metric.counties_note": "{count} county-level divisions in {prefectures} prefectures, plus {zones} statistical development zones",
    "metric.source": "Source: {source}",
    "chart.standards.title": "Urban and rural dibao standards vs per-capita disposable income (yuan/person/year)",
    "chart.standards.caption": (
        "Lines: per-capita disposable income. Dots: dibao standards (province figures are public only for "
        "2015 and 2020; other years are left empty, never interpolated). Open dots are 'to be verified'; "
        "diamonds are derived from the plan's stated growth."
    ),
    "chart.axis.year": "Year",
    "chart.axis.yuan_year": "yuan/person/year",
    "series.urban_disposable_income": "Urban disposable income",
    "series.rural_disposable_income": "Rural disposable income",
    "series.urban_dibao_standard": "Urban dibao standard",
    "series.rural_dibao_standard": "Rural dibao standard",
    "chart.legend.recalled": "open dot: to be verified",
    "chart.legend.derived": "diamond: derived",
    "chart.hover.status": "Status",
    "chart.hover.source": "Source",
    "footer.title": "Sources",
    "footer.line": "{title} | {producer} | licence: {licence} | accessed {date}",
    "footer.more": "Full provenance, checksums and downloads are on the Data & methods page.",
    "data.intro": (
        "Every dataset, policy parameter and indicator definition used by the dashboard, with publisher, "
        "source, date accessed, licence and status, and the file to download. Each file's structure and "
        "SHA-256 checksum are verified when the app loads it."
    ),
    "data.section.datasets": "Datasets",
    "data.section.parameters": "Policy parameters",
    "data.section.indicators": "14th Five-Year-Plan indicators (2025 targets)",
    "data.section.statuses": "What the statuses mean",
    "data.col.title": "Dataset",
    "data.col.producer": "Publisher",
    "data.col.source": "Source",
    "data.col.date": "Accessed",
    "data.col.licence": "Licence",
    "data.col.status": "Status",
    "data.col.file": "File",
    "data.col.rows": "Rows",
    "data.col.sha": "SHA-256 (first 12)",
    "data.col.script": "Build script",
    "data.download": "Download",
    "data.col.method": "Method",
    "data.download_csv": "Download CSV",
    "data.status_note": "Status note: {note}",
    "param.col.label": "Parameter",
    "param.col.value": "Value",
    "param.col.unit": "Unit",
    "param.col.effective": "Effective",
    "param.col.status": "Status",
    "param.col.citation": "Citation",
    "param.col.note": "Note",
    "param.not_set_value": "not set",
    "param.caption": (
        "Ratios are decimals (0.75 = 75%). 'derived' values were calibrated by this project from official "
        "figures; 'not set' means the documents require the mechanism but give no number."
    ),
    "ind.col.number": "No.",
    "ind.col.name": "Indicator",
    "ind.col.unit": "Unit",
    "ind.col.target": "2025 target",
    "ind.col.kind": "Kind",
    "ind.col.citation": "Citation",
    "ind.kind.binding": "binding",
    "ind.kind.expected": "expected",
    "statuses.body": (
        "- **official**: seen in a stored copy of an official table, or of a page quoting one.\n"
        "- **derived**: computed from official figures (formula in the file's note column), e.g. the 2015 "
        "standards = 2020 standard / (1 + the plan's stated growth).\n"
        "- **to be verified**: the named publication's figure, not re-read; agrees with verified neighbours.\n"
        "- **illustrative**: generated for demonstration, not statistics; badged on every chart."
    ),
    "error.data_title": "Data could not be loaded",
    "error.data_hint": "Check the file named above and reload the page.",
}

LANGUAGES = {"zh": ZH, "en": EN}


def translate(key: str, lang: str = "zh", **values: object) -> str:
    """The string for `key` in `lang`, formatted; an unknown key fails loudly in tests."""
    text = LANGUAGES[lang][key]
    return text.format(**values) if values else text
