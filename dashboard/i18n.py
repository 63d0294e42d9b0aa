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
    "page.indicators": "十四五指标",
    "ind.intro": (
        "《吉林省社会救助“十四五”规划》（吉民发〔2022〕24号）8 项主要发展指标的进展，以及五份文件中全部量化目标的登记与评估。"
        "每个状态都注明所用方法。"
    ),
    "ind.tab.table": "指标表",
    "ind.tab.register": "目标登记",
    "reg.intro": "五份文件（{docs} 份）中的 {n} 项量化目标，目标文字为本项目摘述，评估须有依据与日期；无依据者为“未评估”。",
    "reg.filter.document": "文件",
    "reg.filter.domain": "领域",
    "reg.filter.status": "评估状态",
    "reg.filter.due": "到期年份",
    "reg.all": "全部",
    "reg.timeline": "按到期年份（共 {n} 项）",
    "reg.download": "下载目标登记表 CSV",
    "ind.table_note": (
        '属性列：橙色为约束性指标，蓝色为预期性指标。指标1–3由省级序列、分档指导标准通知与标准规则计算（有通知的年份取各档按人口加权的均值）；指标4、8由县级表汇总（示例数据）'
        '；指标5–7需要“符合条件人数”，公开渠道无此数据，标为无数据。'
    ),
    "ind.download_csv": "下载指标表 CSV",
    "ind.download_xlsx": "下载指标表 Excel（规划表格式）",
    "ind.methods_title": "评估方法说明",
    "ind.chart_title": "单项指标：实际值、达标路径、预测与目标",
    "ind.chart_pick": "选择指标",
    "ind.observed": "实际/规则测算值",
    "ind.no_data": "暂无数据。",
    "ind.county_title": "各县（市、区）{year}年达标情况：{met} / {n} 个达标",
    "ind.open_map": "在县域地图中查看此指标 →",
    "page.county_map": "县域地图",
    "map.intro": (
        '60 个县（市、区）的低保覆盖、标准与省定最低指导标准（档次、指导标准、差额）、救助服务网络。点击地图或在下方选择一个县（市、区），与同市（州）、同类型、原贫困县、'
        '边境县、同一指导标准档次或统计相似县比较。地址栏链接保存当前视图与标准测算的情景。'
    ),
    "map.control.metric": "指标",
    "map.control.year": "年份",
    "map.control.county": "县（市、区）",
    "map.control.peers": "对比组",
    "map.none": "未选择（点击地图）",
    "map.illustrative_note": (
        '图中有示例数据（浅色显示，悬停提示“示例数据”）：县级救助人数与服务网络数据公开渠道未找到，由省级公布数据按人口等真实信息分配生成；低保标准凡有公布数的县、年份（2018年全省核准表及部分县的通知）'
        '均用实际值，其余为示例。导入真实数据后标记消失。'
    ),
    "map.how_made": "示例数据是如何生成的",
    "map.real_source": "导入的县级数据",
    "map.real_source_note": "县级数据：使用者导入的文件（文件夹 {folder}），已按模板校验。",
    "map.gap_scenario": '{year}年（情景）的指导标准取自标准测算页的情景「{name}」（[打开该情景]({link})）；之前各年为已公布通知的档次。',
    "map.pick_hint": "点击地图上的县（市、区），或在上方选择，即可查看它与对比组的比较。",
    "map.province_value": "全省（人口加权）{label}",
    "map.county_facts": "{prefecture} · {kind} · 常住人口 {pop:,.1f} 万人 · 城镇人口比重 {urban:.1f}%",
    "map.category_sentence": "{name}{label}：**{category}**。{peers}中达标的占 {share:.0f}%，全省（人口加权）为 {province:.0f}%。",
    "map.band_note": "位次按五等分（每档 20%）表述，不列 1–60 的精确名次：相邻名次的差异往往很小。",
    "map.peer_list": "对比组：{group}，共 {n} 个：{names}",
    "map.profile_title": "{name}：历年情况",
    "map.all_metrics_title": "{name}各项指标与对比组（{group}，{year}年；各指标以全省水平为 100）",
    "map.col.peer_median": "对比组中位数（{year}年）",
    "map.col.province": "全省（{year}年）",
    "map.table_title": "60 个县（市、区）：{label}（{year}年）",
    "map.col.code": "区划代码",
    "map.col.name": "县（市、区）",
    "map.col.prefecture": "市（州）",
    "map.col.category": "达标情况",
    "map.col.rank": "全省位次",
    "map.download": "下载本表 CSV",
    "page.standards": "标准测算",
    "chart.axis.yuan_month": "元/人·月",
    "std.intro": (
        '按“{lag_words}居民人均可支配收入 × 比例”的规则（吉民发〔2022〕24号 §三(二)1）测算城乡低保标准，收入取模型预测（含 80%/95% 预测区间）；并设定下一年度分档的省定最低指导标准，'
        '查看哪些县（市、区）低于指导标准、提标需要多少资金。在左侧调整情景参数，地址栏链接即可复现当前情景。'
    ),
    "std.side.urban": "城镇",
    "std.side.rural": "农村",
    "std.sidebar.title": "情景参数",
    "std.sidebar.reset": "恢复基准情景",
    "std.sidebar.link": "参数已写入地址栏，复制链接即可分享当前情景。",
    "std.sidebar.custom_disabled": "仅在收入路径为“自定义年增速”时使用。",
    "std.catch_up.none": "不设追赶目标",
    "std.metric.urban": '{year}年城市指导标准',
    "std.metric.rural": '{year}年农村指导标准',
    "std.metric.ratio": "{year}年农村/城市标准比",
    "std.metric.ratio_delta": "{value:+.1f} 个百分点",
    "std.metric.ratio_note": "对比目标 {target:.0f}%；",
    "std.ind.met": "达标",
    "std.ind.unmet": "未达标",
    "std.metric.reach": '{year}年达到{target:.0f}%',
    "std.metric.no_reach": '{horizon}年前达不到{target:.0f}%',
    "std.metric.cost": "{year}年救助资金测算",
    "std.metric.cost_delta": "{value:+.2f} 亿元",
    "std.metric.cost_note": "较基准情景的变化；低保与特困基本生活资金，按最新月报人数与人均补助推算",
    "std.metric.cost_vs": "较基准情景",
    "std.ind.year": "年份",
    "std.metric.year_value": '元/人·月，全省人口加权；折合 {value:,.0f} 元/人·年',
    "std.section.income": "（一）居民人均可支配收入：历史与预测",
    "std.section.standards": "（二）城乡低保标准：规则测算",
    "std.section.indicators": '（四）“十四五”指标1–3逐年达标情况',
    "std.section.compare": "情景保存与比较",
    "std.chart.band95": "{side}95%预测区间",
    "std.chart.band80": "{side}80%预测区间",
    "std.chart.observed": "{side}收入（实际）",
    "std.chart.forecast": "{side}收入（预测）",
    "std.chart.published": '{side}低保标准（全省平均，公布值）',
    "std.chart.rule": '{side}指导标准（方块为通知、圆点为情景）',
    "std.chart.target_path": "城市标准×{pct:.0f}%（农村达标线）",
    "std.model_used": "{side}收入预测模型：{model}。{reason}",
    "std.backtest.title": "模型回测（滚动起点，预测 1–3 年的平均绝对百分比误差 MAPE）",
    "std.backtest.caption": "每一行是一个模型，每一列是预测步长；数值越小越准。“随机游走加漂移”为朴素基准。",
    "std.backtest.horizon": "提前{h}年",
    "std.standards.caption": (
        '实线：全省指导标准——有通知的年份为各档标准按 2020 年普查城镇（乡村）人口加权的均值，下一年度起为情景的分档标准（同样加权），其余年份为 24号比例规则（比例 '
        '× 滞后若干年的收入，农村不低于 {floor:,.0f} 元/人·年）；点线：24号比例规则本身；菱形：公布的全省平均标准（2015 年为推算值）；绿色点线：农村达到城市 '
        '{target:.0f}% 所需的水平。默认比例按最新一期分档指导标准校准，并非文件公布的比例。'
    ),
    "std.ind.1u": "指标1 城市标准增速−收入增速",
    "std.ind.1r": "指标1 农村标准增速−收入增速",
    "std.ind.2": "指标2 农村/城市标准比",
    "std.ind.3": "指标3 特困/上年低保标准",
    "std.ind.caption": (
        "蓝色为达标，橙色为未达标。指标1：2020 年以来低保标准年均增速减去同期居民人均可支配收入年均增速（个百分点），不小于 0 为达标；"
        "指标2：农村标准占城市标准比例，目标 {ratio:.0f}%；指标3：特困人员基本生活标准占上年度低保标准比例，目标 {tekun:.0f}%。"
    ),
    "std.table.title": "显示逐年测算表与资金测算表",
    "std.cost.assumption": (
        "资金测算假设：救助人数保持最新月报（{month}）水平；人均补助随标准同比例变化（以基准情景该年标准为基数）。"
        "低保实行差额补助，按比例缩放只是近似。"
    ),
    "std.download.projection": "下载逐年测算 CSV",
    "std.download.income": "下载收入预测 CSV",
    "std.download.cost": "下载资金测算 CSV",
    "std.download.compare": "下载情景比较 CSV",
    "std.save": "保存当前情景",
    "std.save_full": "最多保存 {n} 个情景，请先删除一个。",
    "std.saved": "已保存情景「{name}」。",
    "std.remove_label": "删除已保存的情景",
    "std.remove": "删除",
    "std.compare_label": "选择要比较的情景（至少两个）",
    "std.compare_placeholder": "选择已保存的情景",
    "std.compare_hint": "在左侧修改参数和情景名称后点击保存，最多保存 {n} 个情景；选择两个以上即可并排比较。",
    "std.cmp.urban": '{year}年城市标准（元/人·月）',
    "std.cmp.rural": '{year}年农村标准（元/人·月）',
    "std.cmp.ratio": '{year}年农村/城市（%）',
    "std.cmp.reach": '达到{target:.0f}%的年份',
    "std.cmp.cost": '{year}年资金较基准（亿元）',
    "std.cmp.changes": "与基准情景的差异",
    "std.method.title": "方法与假设",
    "std.method.body": (
        '- **规则**：县（市）城乡低保最低指导标准 = 比例 × {lag_words}城乡居民人均可支配收入（吉民发〔2022〕24号 §三(二)1）；2016 年规则为农村标准不低于{lag_2016_words}'
        '农村收入的 {ratio_2016:.0%}（吉民发〔2016〕18号 §二(一)）。文件未公布比例，默认值按最新一期分档通知校准。\n- **分档**：省里按档次公布指导标准并确定各县档次（{latest}年为最新一期）'
        '；下一年度（{next}年）的档次默认按最新一期的各档比例分配 24号规则的全省值，使人口加权均值等于规则值；也可逐档设定、逐县调整档次。未见于通知的档次按最近一个已知年份推定。'
        '\n- **下限**：农村标准不低于国家扶贫标准 {floor:,.0f} 元/人·年。\n- **特困**：特困人员基本生活标准 = 倍数 × 上年度低保标准（默认 '
        '{multiplier:g} 倍，吉民发〔2022〕4号 §二(五)）。\n- **急难救助**：先行发放 {months:g} 个月当地城市低保标准，{days:g} '
        '日内办结（吉民发〔2022〕24号 §三(三)2）。\n- **物价联动**：文件要求建立与物价上涨挂钩的联动机制，但未规定启动条件与补贴公式，本页不测算。\n- '
        '**收入预测**：对数收入上的 ETS（加性阻尼趋势）与带漂移 ARIMA，按滚动起点回测 1–3 年 MAPE 择优；2022 年收入受冲击，预测区间相应放宽。'
    ),
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
    "overview.section.caseload": "规划目标、救助对象与人口",
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
        "比例类参数以小数表示（如 {example:g} 即 {example:.0%}）。“推算值”为本项目由官方数据校准，文件未公布；"
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
        '- **官方数据**：见于官方统计表或引用官方统计表的页面的存档副本。\n- **推算值**：由官方数据计算得出（公式记录于数据文件的说明列），如 2015 年低保标准 '
        '= 2020 年标准 ÷ (1 + 规划所述增幅)，或 2021 年分档沿用 2022 年通知。\n- **待核实**：所列官方出版物中的数字，未能再次核对原文；'
        '与已核实的相邻年份一致，使用前请核实。\n- **推定**：通知存档不全、看不到某县档次时，下一年度测算与全省加权沿用该县最近一个已知年份的档次；该年本身仍显示为“未知”。'
        '\n- **情景测算**：标准测算页情景给出的下一年度及以后的指导标准，不是已公布的数字。\n- **示例数据**：为演示而生成的数据，不是统计数字，图表上以徽标和浅色标明；'
        '同一张表里可以有真实值与示例值，状态逐值标注。'
    ),
    "error.data_title": "数据无法加载",
    "error.data_hint": "请检查上述文件后刷新页面；其他页面不受影响的部分仍可使用。",
    "std.cmp.below": '{year}年低于指导标准的县（个）',
    "std.cmp.lift": '{year}年提标资金（万元/年）',
    "std.download.counties": '下载各县指导标准 CSV',
    "std.chart.rule_line": '{side}：24号比例规则',
    "std.chart.notice": '{side}指导标准（通知，人口加权）',
    "status.assumed": '推定',
    "status.scenario": '情景测算',
    "gd.section": '（三）{year}年省定最低指导标准（分档）',
    "gd.intro": (
        '省里每年按档次公布城乡低保最低指导标准并确定各县（市、区）所在档次，县级标准不得低于本档标准。最新一期为{latest}年（{document}，城市 {urban} '
        '档、农村 {rural} 档）。{year}年的各档标准默认按比例推算：24号比例规则的全省值按最新一期的各档比例分配；也可逐档设定。各县档次沿用最新一期，通知存档中看不到的按最近一个已知年份推定，'
        '也可逐县调整。'
    ),
    "gd.input": '{side}第{tier}档（元/人·月）',
    "gd.metric.below": '{year}年低于指导标准的县',
    "gd.metric.counties": '{n} 个',
    "gd.metric.below_note": '城市 {urban} 个、农村 {rural} 个（比较{year}年当地标准）',
    "gd.metric.cost_label": '{year}年提标资金（下限）',
    "gd.metric.cost_value": '{value:,.2f} 亿元/年',
    "gd.metric.cost_note": '低保对象人数 × 差额 × 12',
    "gd.col.tier": '档次',
    "gd.col.side_year": '{side}{year}年',
    "gd.col.ratio": '{side}隐含比例（前→后）',
    "gd.col.count": '{side}县数',
    "gd.tier": '第{tier}档',
    "gd.tier_unknown": '未知',
    "gd.mark_assumed": '（推定）',
    "gd.mark_moved": '（调整）',
    "gd.rule_note": (
        '{year}年分档按人口加权：城市 {urban_w:,.0f}、农村 {rural_w:,.0f} 元/人·月，较{latest}年提高 {urban_rise:+.'
        '1f}%、{rural_rise:+.1f}%；农村/城市为 {ind2:.1f}%（指标2）。对照 24号比例规则（城市比例 {u_ratio:.2f}%、农村 '
        '{r_ratio:.2f}%，× t−{lag} 年收入）：城市 {urban:,.0f}、农村 {rural:,.0f} 元/人·月，分档与规则之差为 {urban_diff:+,'
        '.0f}、{rural_diff:+,.0f} 元（按比例推算时为 0，取整除外）。“隐含比例”= 该档标准 × 12 ÷ t−{lag} 年收入，箭头前为最新一期通知。'
        '✎ 为逐档设定的值。'
    ),
    "gd.assumed_note": '{n} 个县的档次为推定：最新一期通知的存档不全，沿用该县最近一个已知年份的档次序号；打开下方“显示 60 个县（市、区）明细”即可逐县修改。',
    "gd.below_title": '{year}年低于指导标准的县（市、区）',
    "gd.cost_assumption": (
        '提标资金 = 低保对象人数 × 差额 × 12（元/年），人数取县级表最新年份：假设对象人数不变、差额补助随标准等额提高；因标准提高而新纳入的对象未计入，故为下限。'
        '县级人数为示例数据时，资金同为示例。'
    ),
    "gd.none_below": '按当前情景，各县（市、区）现行标准均不低于{year}年指导标准。',
    "gd.all_title": '60 个县（市、区）{year}年指导标准明细',
    "gd.moves_title": '调整县（市、区）的档次',
    "gd.moves_hint": '从{year}年起把某县调到另一档；调整写入地址栏，可随情景保存与比较。',
    "gd.move.county": '县（市、区）',
    "gd.move.side": '城乡',
    "gd.move.tier": '调整到',
    "gd.move.apply": '调整',
    "gd.move.line": '{name}：{side}调整到第{tier}档',
    "gd.move.undo": '撤销',
    "gd.col.county": '县（市、区）',
    "gd.col.side": '城乡',
    "gd.col.guidance": '指导标准（元/人·月）',
    "gd.col.local": '现行标准（元/人·月）',
    "gd.col.local_status": '现行标准状态',
    "gd.col.shortfall": '差额（元/人·月）',
    "gd.col.recipients": '低保对象（人）',
    "gd.col.cost": '提标资金（万元/年）',
    "gd.col.code": '区划代码',
    "gd.col.state": '达标情况',
    "gd.state.met": '达标',
    "gd.state.below": '低于指导标准',
    "gd.state.unknown": '档次未知',
    "gd.state.no_standard": '无当地标准',
    "gd.open_map": '在县域地图中查看{year}年各县与指导标准的差额 →',
    "std.area.urban": '城市',
    "std.area.rural": '农村',
    "map.year_next": '{year}（情景）',
    "map.tier_sentence": '{name}{year}年{label}：**{category}**；同档次的县（市、区）另有 {n} 个。',
    "map.guidance_title": '{name}：档次与指导标准',
    "map.guidance_caption": '实线为本县低保标准（空心点为示例数据）；短横为本县档次的省定最低指导标准（有通知的年份及{next}年情景），标注档次，“推定”表示档次按最近一个已知年份推定。',
    "map.col.status": '数据状态',
    "map.col.tier_status": '档次状态',
    "data.section.guidance": '省定最低指导标准（分档）',
    "data.guidance.intro": (
        '省民政厅、省财政厅每年按档次印发城乡低保最低指导标准并确定各县（市、区）档次。下表为已找到的通知（2021 年沿用 2022 年通知所述的上年标准，为推算值）；'
        '校准表为各年按 2020 年普查人口加权的指导标准占 t−{lag} 年居民人均可支配收入的比例，即省里实际采用的比例，并以规划公布的 2020 年全省平均标准作核对。'
    ),
    "data.guidance.col.year": '年份',
    "data.guidance.col.tier": '档次',
    "data.guidance.col.urban": '城市（元/人·月）',
    "data.guidance.col.rural": '农村（元/人·月）',
    "data.guidance.col.status": '状态',
    "data.guidance.col.document": '文号',
    "data.guidance.col.side": '城乡',
    "data.guidance.col.basis": '依据',
    "data.guidance.col.standard": '标准（元/人·月）',
    "data.guidance.col.income_year": '收入年份',
    "data.guidance.col.income": '人均可支配收入（元/年）',
    "data.guidance.col.ratio": '比例（%）',
    "data.guidance.col.assumed": '推定档次（县）',
    "data.guidance.col.value": '标准（元/人·月）',
    "data.guidance.basis.notice": '分档指导标准（人口加权）',
    "data.guidance.basis.average": '全省平均标准（核对）',
    "data.guidance.calibration": '24号比例规则的校准',
    "data.guidance.calibration_note": (
        '现行默认比例取最新一期通知的校准值：城市 {urban:.3f}%、农村 {rural:.3f}%（见政策参数）；{check} 年全省平均标准对应的比例仅作核对：各县实际标准不低于指导标准，'
        '平均标准的比例本应略高。'
    ),
    "data.guidance.implied_title": '各档标准的隐含比例（÷ t−{lag} 年收入）',
    "data.guidance.assignment_title": '各县（市、区）所属档次（未知 {unknown} 项：通知存档不全，不作填补）',
    "data.guidance.year_suffix": '年',
    "gd.metric.assumed": '{year}年推定或调整档次的县',
    "gd.metric.assumed_note": '推定：城市 {au} 个、农村 {ar} 个；调整：{moved} 个',
    "gd.details_toggle": '显示 60 个县（市、区）{year}年明细，并可调整县的档次',
    "map.tier_unknown_sentence": '{name}{year}年{label}：**未知**（该年通知的存档中看不到本县的档次，不作推断；下一年度的测算按最近一个已知年份推定）。',
    'page.briefing': '简报',
    'brief.intro': '把分析做成一页一个要点的简报：在会议室大屏上全屏放映（→ ← 翻页，F 全屏，Esc 退出），并导出 PDF、PowerPoint 和图表图片。每页的标题句由数据生成，可改写；示例数据与待核实的数字在屏幕和每个导出文件中都有标记。整套简报保存在地址栏里，复制链接即可分享。',
    'brief.present': '开始放映',
    'brief.keys_help': '放映时：→ / PgDn / 空格 下一页，← / PgUp 上一页，Home / End 首页 / 末页，F 全屏，Esc 退出放映',
    'brief.name': '简报名称',
    'brief.save': '保存简报',
    'brief.saved': '已保存简报“{name}”（本次会话内有效）。',
    'brief.save_full': '本次会话最多保存 {n} 套简报，请先改用已有名称覆盖。',
    'brief.load': '打开已保存的简报',
    'brief.load_pick': '（选择）',
    'brief.slides': '页面（共 {n} 页）',
    'brief.up': '上移',
    'brief.down': '下移',
    'brief.remove': '删除本页',
    'brief.add_kind': '新增页面类型',
    'brief.add': '在当前页后添加',
    'brief.reset': '恢复默认简报',
    'brief.edit': '第 {n} 页：{kind}',
    'brief.scenario': '情景',
    'brief.scenario_current': '当前情景（标准测算页）',
    'brief.scenario_help': '在标准测算页保存的情景会出现在这里；选定后情景参数随简报一起写入链接。',
    'brief.headline': '标题句（留空则由数据生成）',
    'brief.headline_help': '由数据生成的标题句：{generated}',
    'brief.notes': '演讲者备注',
    'brief.notes_help': '放在导出的 PDF 备注页和 PowerPoint 备注中，排在自动生成的数字、方法与来源之前。',
    'brief.notes_generated': '本页自动生成的备注（数字、方法、来源）',
    'brief.export': '导出',
    'brief.export_note': '导出与屏幕上的简报相同：PDF 每页一张 16:9 幻灯片（可附备注页），PowerPoint 中文字可编辑、折线图与柱状图为可编辑的原生图表、地图为图片；图片为当前页图表（PNG 为 2 倍分辨率）。数据状态和日期写在每个文件里。',
    'brief.with_notes': 'PDF 附演讲者备注页',
    'brief.pdf': 'PDF',
    'brief.pptx': 'PowerPoint',
    'brief.png': 'PNG',
    'brief.svg': 'SVG',
    'brief.prev': '上一页',
    'brief.next': '下一页',
    'brief.exit': '退出放映',
    'brief.first': '首页',
    'brief.last': '末页',
    'page.data_admin': '数据管理',
    'admin.intro': '数据的每一次更新都留有记录：导入的文件先校验、再预览改动，确认后写成新的数据版本，旧版本原样保留，可随时比较、下载或恢复。查看无需登录；导入和恢复需要编辑账户。',
    'admin.tab.now': '当前数据',
    'admin.tab.import': '导入县级数据',
    'admin.tab.history': '历史版本',
    'admin.tab.audit': '操作日志',
    'admin.col.dataset': '数据集',
    'admin.col.version': '版本',
    'admin.col.label': '说明',
    'admin.col.when': '时间（北京时间）',
    'admin.col.author': '操作人',
    'admin.col.rows': '行数',
    'admin.col.active': '状态',
    'admin.col.file': '文件',
    'admin.col.note': '备注',
    'admin.col.severity': '级别',
    'admin.col.line': '行',
    'admin.col.column': '列',
    'admin.col.value': '填写的值',
    'admin.col.expected': '应为',
    'admin.col.message': '说明',
    'admin.col.action': '操作',
    'admin.col.target': '对象',
    'admin.col.detail': '详情',
    'admin.col.ok': '结果',
    'admin.severity.error': '错误',
    'admin.severity.warning': '提示',
    'admin.scope_all': '全省',
    'admin.role.editor': '编辑',
    'admin.role.admin': '管理员',
    'admin.signed_in': '已登录：**{name}**（{role}，可导入范围：{scope}）',
    'admin.logout': '退出登录',
    'admin.login_intro': '导入数据需要编辑账户（由管理员用 `python -m dashboard.admin add-user` 创建）。',
    'admin.user': '用户名',
    'admin.password': '密码',
    'admin.login': '登录',
    'admin.import_intro': '选择要导入的数据并下载其模板：县级数据可以只报一个县、一个市（州）或全省 60 个县；省级数据（收入与标准、月度救助人数、分档指导标准、各县档次）按所选表的格式，可只含新增的年份。文件先经校验，列出全部问题；没有错误时显示与当前数据相比的全部改动，确认后才写入新版本。',
    'admin.upload': '县级数据文件',
    'admin.blocked': '文件有 {errors} 个错误，未作任何改动。请按上表修改后重新上传。',
    'admin.ack': '已核对以上 {n} 条提示，确认数据无误',
    'admin.m.counties': '涉及县（市、区）',
    'admin.m.added': '新增行',
    'admin.m.changed': '改动的单元格',
    'admin.m.unchanged': '未变的单元格',
    'admin.changed_cells': '**改动的单元格**（原值 → 新值）',
    'admin.added_rows': '**新增的行**',
    'admin.downstream': '**对分析结果的影响**',
    'admin.indicators_none': '十四五指标的进度状态：无变化。',
    'admin.indicators_some': '十四五指标的进度状态将发生变化：',
    'admin.compliance_none': '各县达到省定最低指导标准的情况（当前情景）：无变化。',
    'admin.compliance_some': '各县达到省定最低指导标准的情况（当前情景）有 {n} 处变化：',
    'admin.saved': '以下已保存的情景或简报基于当前数据计算，导入后将提示“数据已更新”：{names}',
    'admin.saved_none': '没有基于当前数据保存的情景或简报。',
    'admin.note': '导入说明（如：2025年度县级报表）',
    'admin.confirm': '确认导入',
    'admin.committed': '已写入第 {number} 版并启用；所有页面即刻使用新数据。',
    'admin.dataset': '数据集',
    'admin.pick': '选择版本',
    'admin.download': '下载该版本（CSV）',
    'admin.diff_from': '比较：从',
    'admin.diff_to': '到',
    'admin.diff_summary': '新增 {added} 行，删除 {removed} 行，改动 {changed} 个单元格，{unchanged} 个单元格未变。',
    'admin.rollback_pick': '恢复到版本',
    'admin.rollback_note': '恢复原因',
    'admin.rollback': '启用所选版本',
    'admin.rolled_back': '已启用第 {number} 版（此操作已记入日志）。',
    'admin.rollback_needs_login': '恢复旧版本需要全省范围的编辑或管理员账户（在“导入县级数据”中登录）。',
    'admin.audit_admins': '操作日志仅管理员可见（在“导入县级数据”中登录）。',
    'std.saved_link': '已保存情景「{name}」，短链接：`{link}`（加在看板地址后即可打开）。',
    'saved.opened': '已打开保存的「{name}」（{author}，{date}），所依据的数据没有更新。',
    'saved.stale': '数据已更新：「{name}」（{author}，{date} 保存）所依据的{datasets}已有新版本。下表并列保存时的结果与按当前数据重算的结果。',
    'saved.then': '保存时',
    'saved.now': '当前数据',
    'admin.tab.saved': '已保存的情景与简报',
    'admin.search': '按名称或保存人查找',
    'admin.col.kind': '类型',
    'admin.col.link': '链接',
    'admin.col.name': '名称',
    'admin.kind.scenario': '情景',
    'admin.kind.deck': '简报',
    'admin.saved_empty': '还没有保存的情景或简报（在标准测算、简报页面保存）。',
    'brief.saved_link': '已保存简报「{name}」，短链接：`{link}`。',
    'admin.what': '导入什么',
    'admin.template': '下载模板（{ext}）',
    'admin.columns': '各列（表头用括号中的英文代码）：{columns}',
    'admin.province_scope': '省级数据只能由全省范围的编辑导入；您的账户限于所列县（市、区）。',
    'admin.m.rows': '文件行数',
    'admin.blocked_analysis': '导入后数据无法用于分析，未作任何改动：{reason}。请补齐后重新上传。',
    'admin.oidc_login': '使用单位统一身份认证登录',
    'data.col.vintage': '启用的版本',
    'data.vintage.file': '文件（不分版本）',
}

EN: dict[str, str] = {
    "app.title": "Jilin Social Assistance Policy Dashboard",
    "app.subtitle": "Dibao standards, income and the 14th Five-Year-Plan indicators",
    "app.lang_toggle": "English",
    "page.overview": "Overview",
    "page.data_methods": "Data & methods",
    "page.indicators": "Plan indicators",
    "ind.intro": (
        "Progress on the 8 indicators of the 14th Five-Year Plan for social assistance (Jimin 2022-24), and a register "
        "of every quantified target in the five documents. Every status names its method."
    ),
    "ind.tab.table": "Indicator table",
    "ind.tab.register": "Targets register",
    "reg.intro": "{n} quantified targets from the {docs} documents; target text is our paraphrase; an assessment needs a basis and a date, otherwise 'not assessed'.",
    "reg.filter.document": "Document",
    "reg.filter.domain": "Domain",
    "reg.filter.status": "Assessment",
    "reg.filter.due": "Due year",
    "reg.all": "all",
    "reg.timeline": "By due year ({n} targets)",
    "reg.download": "Download the register (CSV)",
    "ind.table_note": (
        'Kind: orange = binding, blue = expected. Indicators 1–3 come from the province series,'
        ' the tiered guidance notices (population-weighted in notice years) and the rule;'
        ' 4 and 8 from the county table (illustrative); 5–7 need the number of eligible persons,'
        ' which is not published: no data.'
    ),
    "ind.download_csv": "Indicator table (CSV)",
    "ind.download_xlsx": "Indicator table (Excel, plan layout)",
    "ind.methods_title": "Assessment methods",
    "ind.chart_title": "One indicator: observed, required path, projection and target",
    "ind.chart_pick": "Indicator",
    "ind.observed": "observed / rule",
    "ind.no_data": "No data.",
    "ind.county_title": "Counties meeting it in {year}: {met} of {n}",
    "ind.open_map": "Open this metric on the county map →",
    "page.county_map": "County map",
    "map.intro": (
        'Dibao coverage, standards and the provincial guidance (tier, guidance, gap), and '
        'the service network in the 60 counties. Click a county or pick one below to compare '
        'it with its prefecture, its kind, former poverty counties, border counties, its '
        'guidance tier or similar counties. The address bar keeps the view and the 标准测算 scenario.'
    ),
    "map.control.metric": "Metric",
    "map.control.year": "Year",
    "map.control.county": "County",
    "map.control.peers": "Peer group",
    "map.none": "none (click the map)",
    "map.illustrative_note": (
        "This map shows illustrative values (drawn lighter, 'illustrative' in the hover): "
        'county caseloads and the service network are not published and were allocated from '
        'province totals with real census inputs; standards use the real values wherever '
        'a county-year is published (the 2018 approval table and some county notices). The '
        'mark disappears once real data are imported.'
    ),
    "map.how_made": "How the illustrative data were made",
    "map.real_source": "imported county data",
    "map.real_source_note": "County data: the user's imported files (folder {folder}), validated against the template.",
    "map.gap_scenario": (
        '{year} (scenario) guidance comes from the 标准测算 scenario “{name}” ([open it]({link})'
        "); earlier years are the published notices' tiers."
    ),
    "map.pick_hint": "Click a county on the map, or pick one above, to compare it with its peers.",
    "map.province_value": "Province (population-weighted) {label}",
    "map.county_facts": "{prefecture} · {kind} · population {pop:,.1f} x 10k · urban share {urban:.1f}%",
    "map.category_sentence": "{name}, {label}: **{category}**. {share:.0f}% of {peers} meet it; province (population-weighted) {province:.0f}%.",
    "map.band_note": "Positions are given in fifths (20% bands), not exact ranks: neighbouring ranks differ little.",
    "map.peer_list": "Peer group: {group}, {n} counties: {names}",
    "map.profile_title": "{name}: over the years",
    "map.all_metrics_title": "{name}: every metric against its peers ({group}, {year}; province = 100)",
    "map.col.peer_median": "Peer median ({year})",
    "map.col.province": "Province ({year})",
    "map.table_title": "The 60 counties: {label} ({year})",
    "map.col.code": "Code",
    "map.col.name": "County",
    "map.col.prefecture": "Prefecture",
    "map.col.category": "Status",
    "map.col.rank": "Rank",
    "map.download": "Download this table (CSV)",
    "page.standards": "Standards",
    "chart.axis.yuan_month": "yuan/person/month",
    "std.intro": (
        "Projects urban and rural dibao standards with the rule 'ratio × per-capita disposable "
        "income of year t−{lag}' (Jimin 2022-24 §3(2)1) on income forecasts with 80%/95% "
        "intervals, and sets next year's tiered provincial minimum guidance standards: which "
        'counties fall below them and what lifting them costs. Adjust the scenario in the '
        'sidebar; the address bar link reproduces it.'
    ),
    "std.side.urban": "Urban",
    "std.side.rural": "Rural",
    "std.sidebar.title": "Scenario",
    "std.sidebar.reset": "Reset to baseline",
    "std.sidebar.link": "The scenario is in the address bar: copy the link to share it.",
    "std.sidebar.custom_disabled": "Used only when the income path is 'custom growth'.",
    "std.catch_up.none": "no catch-up target",
    "std.metric.urban": 'Urban guidance {year}',
    "std.metric.rural": 'Rural guidance {year}',
    "std.metric.ratio": "Rural / urban {year}",
    "std.metric.ratio_delta": "{value:+.1f} pp",
    "std.metric.ratio_note": "target {target:.0f}%; ",
    "std.ind.met": "met",
    "std.ind.unmet": "not met",
    "std.metric.reach": 'reaches {target:.0f}% in {year}',
    "std.metric.no_reach": 'does not reach {target:.0f}% by {horizon}',
    "std.metric.cost": "Assistance cost {year}",
    "std.metric.cost_delta": "{value:+.2f} 100m yuan",
    "std.metric.cost_note": "change vs baseline; dibao and tekun basic-living funds, from the latest monthly caseload",
    "std.metric.cost_vs": "vs baseline",
    "std.ind.year": "Year",
    "std.metric.year_value": 'yuan/person/month, province weighted; = {value:,.0f} a year',
    "std.section.income": "(a) Per-capita disposable income: history and forecast",
    "std.section.standards": "(b) Urban and rural dibao standards by the rule",
    "std.section.indicators": '(d) Plan indicators 1–3 by year',
    "std.section.compare": "Save and compare scenarios",
    "std.chart.band95": "{side} 95% interval",
    "std.chart.band80": "{side} 80% interval",
    "std.chart.observed": "{side} income (observed)",
    "std.chart.forecast": "{side} income (forecast)",
    "std.chart.published": '{side} standard (province average, published)',
    "std.chart.rule": '{side} guidance (squares: notices, dots: scenario)',
    "std.chart.target_path": "urban x {pct:.0f}% (rural target line)",
    "std.model_used": "{side} income model: {model}. {reason}",
    "std.backtest.title": "Model backtest (rolling origin, MAPE at horizons 1–3)",
    "std.backtest.caption": "One row per model, one column per horizon; lower is better. Random walk with drift is the naive benchmark.",
    "std.backtest.horizon": "{h} yr ahead",
    "std.standards.caption": (
        'Solid: the province guidance standard — in notice years the tiers weighted by the '
        "2020 census urban (rural) population, from next year the scenario's tiers (weighted "
        'alike), otherwise the Jimin 2022-24 ratio rule (ratio × lagged income, rural at '
        'least {floor:,.0f} yuan a year); dotted: the ratio rule itself; diamonds: published '
        'province averages (2015 derived); green dots: the level rural needs for {target:.'
        '0f}% of urban. Default ratios are calibrated on the latest tiered notice; the documents '
        'publish none.'
    ),
    "std.ind.1u": "Ind. 1 urban growth minus income growth",
    "std.ind.1r": "Ind. 1 rural growth minus income growth",
    "std.ind.2": "Ind. 2 rural / urban",
    "std.ind.3": "Ind. 3 tekun / previous dibao",
    "std.ind.caption": (
        "Blue = met, orange = not met. Ind. 1: standards' CAGR since 2020 minus income CAGR (pp), met when >= 0; Ind. 2: rural as a share of urban, "
        "target {ratio:.0f}%; Ind. 3: tekun standard over the previous year's dibao standard, target {tekun:.0f}%."
    ),
    "std.table.title": "Show the projection and cost tables",
    "std.cost.assumption": (
        "Cost assumption: recipients stay at the latest month ({month}); the average benefit moves in proportion to the "
        "standard (relative to the baseline's standard that year). Dibao pays a gap, so this is an approximation."
    ),
    "std.download.projection": "Projection CSV",
    "std.download.income": "Income forecast CSV",
    "std.download.cost": "Cost CSV",
    "std.download.compare": "Comparison CSV",
    "std.save": "Save the current scenario",
    "std.save_full": "At most {n} scenarios: remove one first.",
    "std.saved": "Saved '{name}'.",
    "std.remove_label": "Remove a saved scenario",
    "std.remove": "Remove",
    "std.compare_label": "Scenarios to compare (two or more)",
    "std.compare_placeholder": "Choose saved scenarios",
    "std.compare_hint": "Change the parameters and the name, then save; up to {n} scenarios. Pick two or more to compare.",
    "std.cmp.urban": 'Urban {year} (yuan/month)',
    "std.cmp.rural": 'Rural {year} (yuan/month)',
    "std.cmp.ratio": 'Rural/urban {year} (%)',
    "std.cmp.reach": 'Year reaching {target:.0f}%',
    "std.cmp.cost": 'Cost {year} vs baseline (100m yuan)',
    "std.cmp.changes": "Differences from baseline",
    "std.method.title": "Method and assumptions",
    "std.method.body": (
        '- **Rule**: county guidance standard = ratio x urban/rural per-capita disposable '
        'income of year t−{lag} (Jimin 2022-24 §3(2)1); the 2016 rule set rural at no less '
        'than {ratio_2016:.0%} of the rural income of year t−{lag_2016}. No ratio is published: '
        'defaults are calibrated on the latest tiered notice.\n- **Tiers**: the province publishes guidance in tiers and assigns every '
        'county to one ({latest} is the latest notice); next year ({next}) spreads the ratio '
        "rule's province value over the latest tier proportions so that the population-weighted "
        'mean equals the rule, or the planner sets each tier and moves counties. A tier not '
        'in the stored notice is assumed from the latest year it is known.\n- **Floor**: rural '
        ">= the {floor:,.0f} yuan poverty line.\n- **Tekun**: multiplier x the previous year's "
        'dibao standard ({multiplier:g} by default).\n- **Emergency advance**: {months:g} '
        'month(s) of the local urban standard, case closed within {days:g} days.\n- **Price '
        'linkage**: required by the documents, with no trigger or formula given: not projected '
        'here.\n- **Income forecast**: ETS (additive damped trend) and ARIMA with drift on '
        'log income, chosen by a rolling-origin backtest (MAPE, 1–3 years); 2022 was a shock '
        'year and the intervals reflect it.'
    ),
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
    "overview.section.caseload": "Plan target, caseload and population",
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
        "Ratios are decimals (e.g. {example:g} = {example:.0%}). 'derived' values were calibrated by this "
        "project from official figures; 'not set' means the documents require the mechanism but give no number."
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
        '- **official**: seen in a stored copy of an official table, or of a page quoting '
        "one.\n- **derived**: computed from official figures (formula in the file's note column)"
        ", e.g. the 2015 standards = 2020 standard / (1 + the plan's stated growth), or the "
        "2021 tiers carried over by the 2022 notice.\n- **to be verified**: the named publication's "
        'figure, not re-read; agrees with verified neighbours.\n- **assumed**: a tier the '
        "stored notice does not show, taken from the latest year it is known for next year's "
        "guidance and province means; that year itself still shows 'unknown'.\n- **scenario**: "
        "next year's and later guidance from the 标准测算 scenario, not published figures.\n- "
        '**illustrative**: generated for demonstration, not statistics; badged and drawn '
        'lighter; real and illustrative values may share a table, each value carries its '
        'own status.'
    ),
    "error.data_title": "Data could not be loaded",
    "error.data_hint": "Check the file named above and reload the page.",
    "std.cmp.below": 'Counties below guidance {year}',
    "std.cmp.lift": 'Lifting cost {year} (10k yuan/yr)',
    "std.download.counties": "Counties' guidance (CSV)",
    "std.chart.rule_line": '{side}: ratio rule',
    "std.chart.notice": '{side} guidance (notice, weighted)',
    "status.assumed": 'assumed',
    "status.scenario": 'scenario',
    "gd.section": '(c) Provincial minimum guidance standards for {year}, by tier',
    "gd.intro": (
        'Each year the province publishes urban and rural guidance standards in tiers and '
        "assigns every county to a tier; a county's standard may not be below its tier. The "
        'latest notice is for {latest} ({document}; {urban} urban and {rural} rural tiers)'
        ". By default {year}'s tiers spread the ratio rule's province value in the latest "
        'proportions; they can also be set tier by tier. Counties keep their latest tier;'
        ' one the stored notice does not show is assumed from the latest year it is known,'
        ' and any county can be moved.'
    ),
    "gd.input": '{side} tier {tier} (yuan/month)',
    "gd.metric.below": 'Counties below guidance {year}',
    "gd.metric.counties": '{n}',
    "gd.metric.below_note": 'urban {urban}, rural {rural} (against {year} local standards)',
    "gd.metric.cost_label": 'Lifting cost {year} (lower bound)',
    "gd.metric.cost_value": '{value:,.2f} 100m yuan/yr',
    "gd.metric.cost_note": 'recipients × shortfall × 12',
    "gd.col.tier": 'Tier',
    "gd.col.side_year": '{side} {year}',
    "gd.col.ratio": '{side} implied ratio (before→after)',
    "gd.col.count": '{side} counties',
    "gd.tier": 'tier {tier}',
    "gd.tier_unknown": 'unknown',
    "gd.mark_assumed": ' (assumed)',
    "gd.mark_moved": ' (moved)',
    "gd.rule_note": (
        '{year} tiers, population-weighted: urban {urban_w:,.0f}, rural {rural_w:,.0f} yuan '
        'a month, {urban_rise:+.1f}% and {rural_rise:+.1f}% on {latest}; rural/urban {ind2:.'
        '1f}% (indicator 2). The ratio rule (urban {u_ratio:.2f}%, rural {r_ratio:.2f}% of '
        'income t−{lag}) gives urban {urban:,.0f}, rural {rural:,.0f}: tiers minus rule {urban_diff:+,'
        '.0f} and {rural_diff:+,.0f} yuan (0 when derived from the ratio, up to rounding)'
        '. Implied ratio = tier × 12 ÷ income t−{lag}; before the arrow: the latest notice.'
        ' ✎ marks a value set by hand.'
    ),
    "gd.assumed_note": (
        "{n} counties' tiers are assumed: the stored copy of the latest notice is incomplete,"
        " so each keeps its tier number of the latest year it is known; open 'Show all 60 "
        "counties' below to change any of them."
    ),
    "gd.below_title": 'Counties below the {year} guidance',
    "gd.cost_assumption": (
        "Lifting cost = recipients × shortfall × 12 (yuan a year), with the latest year's "
        'recipients in the county table: the caseload is held and each gap payment rises '
        'by the shortfall; people newly eligible under a higher standard are not counted,'
        ' so it is a lower bound. Where county caseloads are illustrative, so is the cost.'
    ),
    "gd.none_below": "Under this scenario no county's current standard is below the {year} guidance.",
    "gd.all_title": 'All 60 counties: guidance {year}',
    "gd.moves_title": 'Move a county to another tier',
    "gd.moves_hint": (
        'Moves a county to another tier from {year}; the move is part of the scenario and '
        'its link.'
    ),
    "gd.move.county": 'County',
    "gd.move.side": 'Side',
    "gd.move.tier": 'Move to',
    "gd.move.apply": 'Move',
    "gd.move.line": '{name}: {side} to tier {tier}',
    "gd.move.undo": 'Undo',
    "gd.col.county": 'County',
    "gd.col.side": 'Side',
    "gd.col.guidance": 'Guidance (yuan/month)',
    "gd.col.local": 'Current standard (yuan/month)',
    "gd.col.local_status": 'Status of current',
    "gd.col.shortfall": 'Shortfall (yuan/month)',
    "gd.col.recipients": 'Recipients',
    "gd.col.cost": 'Lifting cost (10k yuan/yr)',
    "gd.col.code": 'Code',
    "gd.col.state": 'Compliance',
    "gd.state.met": 'met',
    "gd.state.below": 'below',
    "gd.state.unknown": 'tier unknown',
    "gd.state.no_standard": 'no local standard',
    "gd.open_map": 'Open the {year} gaps to the guidance on the county map →',
    "std.area.urban": 'Urban',
    "std.area.rural": 'Rural',
    "map.year_next": '{year} (scenario)',
    "map.tier_sentence": '{name}, {year}, {label}: **{category}**; {n} other counties in the same tier.',
    "map.guidance_title": '{name}: tier and guidance',
    "map.guidance_caption": (
        "Lines: the county's dibao standards (hollow markers: illustrative); bars: the guidance "
        "of its tier in notice years and in {next} (scenario), labelled with the tier; 'assumed' "
        'marks a tier taken from the latest year it is known.'
    ),
    "map.col.status": 'Status',
    "map.col.tier_status": 'Tier status',
    "data.section.guidance": 'Provincial minimum guidance standards (tiers)',
    "data.guidance.intro": (
        'The civil-affairs and finance departments publish the guidance standards in tiers '
        'each year and assign every county to a tier. Below: the notices found (2021 is derived: '
        "the 2022 notice keeps the previous year's). Calibration: each year's population-weighted "
        'guidance as a share of income t−{lag}, the ratio the province actually applied, '
        "checked against the plan's 2020 province average."
    ),
    "data.guidance.col.year": 'Year',
    "data.guidance.col.tier": 'Tier',
    "data.guidance.col.urban": 'Urban (yuan/month)',
    "data.guidance.col.rural": 'Rural (yuan/month)',
    "data.guidance.col.status": 'Status',
    "data.guidance.col.document": 'Document',
    "data.guidance.col.side": 'Side',
    "data.guidance.col.basis": 'Basis',
    "data.guidance.col.standard": 'Standard (yuan/month)',
    "data.guidance.col.income_year": 'Income year',
    "data.guidance.col.income": 'Disposable income (yuan/yr)',
    "data.guidance.col.ratio": 'Ratio (%)',
    "data.guidance.col.assumed": 'Assumed tiers (counties)',
    "data.guidance.col.value": 'Standard (yuan/month)',
    "data.guidance.basis.notice": 'tiered guidance (weighted)',
    "data.guidance.basis.average": 'province average (check)',
    "data.guidance.calibration": 'Calibration of the ratio rule',
    "data.guidance.calibration_note": (
        "The default ratios are the latest notice's calibration: urban {urban:.3f}%, rural "
        '{rural:.3f}% (see the parameters); the {check} average is a check only: counties '
        "pay at least the guidance, so the average's ratio should be a little higher."
    ),
    "data.guidance.implied_title": 'Implied ratio of each tier (÷ income t−{lag})',
    "data.guidance.assignment_title": "Each county's tier ({unknown} unknown: the stored notice is incomplete; never filled)",
    "data.guidance.year_suffix": ' ',
    "gd.metric.assumed": 'Counties with assumed or moved tiers {year}',
    "gd.metric.assumed_note": 'assumed: urban {au}, rural {ar}; moved: {moved}',
    "gd.details_toggle": 'Show all 60 counties for {year} and move a county to another tier',
    "map.tier_unknown_sentence": (
        "{name}, {year}, {label}: **unknown** (the stored notice does not show this county's "
        "tier; nothing is inferred for that year; next year's guidance assumes the latest "
        'known tier).'
    ),
    'page.briefing': 'Briefing',
    'brief.intro': 'Turn the analysis into a deck with one message per slide: present it full screen (→ ← to move, F full screen, Esc to leave) and export it as PDF, PowerPoint and chart images. Headlines are generated from the data and can be rewritten; illustrative and unverified figures are marked on screen and in every file. The whole deck lives in the address bar: copy the link to share it.',
    'brief.present': 'Present',
    'brief.keys_help': 'While presenting: → / PgDn / Space next, ← / PgUp previous, Home / End first / last, F full screen, Esc leave',
    'brief.name': 'Deck name',
    'brief.save': 'Save deck',
    'brief.saved': 'Deck “{name}” saved (for this session).',
    'brief.save_full': 'At most {n} decks per session; reuse a name to overwrite.',
    'brief.load': 'Open a saved deck',
    'brief.load_pick': '(choose)',
    'brief.slides': 'Slides ({n})',
    'brief.up': 'Move up',
    'brief.down': 'Move down',
    'brief.remove': 'Remove slide',
    'brief.add_kind': 'New slide kind',
    'brief.add': 'Add after this slide',
    'brief.reset': 'Restore the default deck',
    'brief.edit': 'Slide {n}: {kind}',
    'brief.scenario': 'Scenario',
    'brief.scenario_current': 'Current scenario (Standards page)',
    'brief.scenario_help': "Scenarios saved on the Standards page appear here; the chosen one travels in the deck's link.",
    'brief.headline': 'Headline (empty: generated from the data)',
    'brief.headline_help': 'Generated headline: {generated}',
    'brief.notes': 'Speaker notes',
    'brief.notes_help': "Go into the PDF's notes pages and the PowerPoint notes, before the generated figures, method and sources.",
    'brief.notes_generated': 'Generated notes for this slide (figures, method, sources)',
    'brief.export': 'Export',
    'brief.export_note': "Exports match the deck on screen: the PDF has one 16:9 page per slide (notes pages optional); in PowerPoint the text is editable, line and bar charts are native editable charts, maps are pictures; images are this slide's chart (PNG at 2×). Data status and date are written into every file.",
    'brief.with_notes': 'Add speaker-notes pages to the PDF',
    'brief.pdf': 'PDF',
    'brief.pptx': 'PowerPoint',
    'brief.png': 'PNG',
    'brief.svg': 'SVG',
    'brief.prev': 'Previous',
    'brief.next': 'Next',
    'brief.exit': 'Leave',
    'brief.first': 'First',
    'brief.last': 'Last',
    'page.data_admin': 'Data management',
    'admin.intro': 'Every update is recorded: an imported file is checked, its changes previewed, and only on confirmation written as a new data version; older versions are kept and can be compared, downloaded or restored. Viewing needs no login; importing and restoring need an editor account.',
    'admin.tab.now': 'Data in force',
    'admin.tab.import': 'Import county data',
    'admin.tab.history': 'Versions',
    'admin.tab.audit': 'Audit log',
    'admin.col.dataset': 'Dataset',
    'admin.col.version': 'Version',
    'admin.col.label': 'Label',
    'admin.col.when': 'Time (Beijing)',
    'admin.col.author': 'By',
    'admin.col.rows': 'Rows',
    'admin.col.active': 'State',
    'admin.col.file': 'File',
    'admin.col.note': 'Note',
    'admin.col.severity': 'Level',
    'admin.col.line': 'Row',
    'admin.col.column': 'Column',
    'admin.col.value': 'Value',
    'admin.col.expected': 'Expected',
    'admin.col.message': 'Problem',
    'admin.col.action': 'Action',
    'admin.col.target': 'Target',
    'admin.col.detail': 'Detail',
    'admin.col.ok': 'Result',
    'admin.severity.error': 'error',
    'admin.severity.warning': 'warning',
    'admin.scope_all': 'whole province',
    'admin.role.editor': 'editor',
    'admin.role.admin': 'admin',
    'admin.signed_in': 'Signed in: **{name}** ({role}, may import: {scope})',
    'admin.logout': 'Sign out',
    'admin.login_intro': 'Importing needs an editor account (an admin creates it with `python -m dashboard.admin add-user`).',
    'admin.user': 'User name',
    'admin.password': 'Password',
    'admin.login': 'Sign in',
    'admin.import_intro': 'Choose what to import and download its template: a county return may hold one county, one prefecture or all 60; a province table (incomes and standards, monthly caseloads, guidance tiers) its own columns, new years only if you like. The file is checked and every problem listed; without errors, every change against the data in force is shown, and nothing is written until you confirm.',
    'admin.upload': 'County data file',
    'admin.blocked': 'The file has {errors} errors; nothing was changed. Fix them as listed and upload again.',
    'admin.ack': 'I have checked the {n} warnings above',
    'admin.m.counties': 'Counties',
    'admin.m.added': 'Rows added',
    'admin.m.changed': 'Cells changed',
    'admin.m.unchanged': 'Cells unchanged',
    'admin.changed_cells': '**Changed cells** (old → new)',
    'admin.added_rows': '**Added rows**',
    'admin.downstream': '**What changes downstream**',
    'admin.indicators_none': '14th FYP indicator statuses: no change.',
    'admin.indicators_some': '14th FYP indicator statuses that change:',
    'admin.compliance_none': 'Counties meeting the guidance (current scenario): no change.',
    'admin.compliance_some': 'Counties meeting the guidance (current scenario): {n} changes:',
    'admin.saved': 'Saved scenarios or decks computed on the data in force (they will say the data was updated): {names}',
    'admin.saved_none': 'No saved scenario or deck was computed on the data in force.',
    'admin.note': 'Note (e.g. 2025 county returns)',
    'admin.confirm': 'Confirm import',
    'admin.committed': 'Written as version {number} and put in force; every page uses it now.',
    'admin.dataset': 'Dataset',
    'admin.pick': 'Version',
    'admin.download': 'Download this version (CSV)',
    'admin.diff_from': 'Compare from',
    'admin.diff_to': 'to',
    'admin.diff_summary': '{added} rows added, {removed} removed, {changed} cells changed, {unchanged} unchanged.',
    'admin.rollback_pick': 'Restore version',
    'admin.rollback_note': 'Reason',
    'admin.rollback': 'Put the chosen version in force',
    'admin.rolled_back': 'Version {number} is in force (logged).',
    'admin.rollback_needs_login': 'Restoring needs a province-wide editor or an admin (sign in under Import).',
    'admin.audit_admins': 'The audit log is for admins (sign in under Import).',
    'std.saved_link': "Saved '{name}'; short link: `{link}` (append it to the dashboard's address).",
    'saved.opened': "Opened the saved '{name}' ({author}, {date}); its data has not changed since.",
    'saved.stale': "Data updated: the {datasets} behind '{name}' (saved by {author} on {date}) has a newer version. The table sets the results as saved beside those on the data in force.",
    'saved.then': 'As saved',
    'saved.now': 'Data in force',
    'admin.tab.saved': 'Saved scenarios and decks',
    'admin.search': 'Find by name or author',
    'admin.col.kind': 'Kind',
    'admin.col.link': 'Link',
    'admin.col.name': 'Name',
    'admin.kind.scenario': 'scenario',
    'admin.kind.deck': 'deck',
    'admin.saved_empty': 'Nothing saved yet (save on the Standards or Briefing page).',
    'brief.saved_link': "Saved deck '{name}'; short link: `{link}`.",
    'admin.what': 'What to import',
    'admin.template': 'Template ({ext})',
    'admin.columns': 'Columns (headers are the codes in brackets): {columns}',
    'admin.province_scope': 'Province tables can only be imported by a province-wide editor; your account is limited to its counties.',
    'admin.m.rows': 'Rows in file',
    'admin.blocked_analysis': 'The data after this import would break the analysis; nothing was changed: {reason}. Complete it and upload again.',
    'admin.oidc_login': "Sign in with the organisation's account",
    'data.col.vintage': 'Version in force',
    'data.vintage.file': 'file (not versioned)',
}

LANGUAGES = {"zh": ZH, "en": EN}


def translate(key: str, lang: str = "zh", **values: object) -> str:
    """The string for `key` in `lang`, formatted; an unknown key fails loudly in tests."""
    text = LANGUAGES[lang][key]
    return text.format(**values) if values else text
