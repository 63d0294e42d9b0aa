"""Key-figure cards (`dashboard.cards`): what `st.metric` showed, as one escaped block of HTML."""

from __future__ import annotations

import pytest

from dashboard.cards import Card, cards_html


@pytest.mark.parametrize(("value", "color", "arrow", "tone"), [
    (1.2, "normal", "↑", "jl-good"), (-1.2, "normal", "↓", "jl-bad"),
    (1.2, "inverse", "↑", "jl-bad"), (-1.2, "inverse", "↓", "jl-good"),
    (0.004, "inverse", "", "jl-flat"), (5.0, "off", "", "jl-flat"),
])
def test_delta_arrow_and_colour_follow_st_metric(value, color, arrow, tone):
    html = cards_html([Card("资金", "1.0 亿元", f"{value:+.2f} 亿元", value, color)])
    delta = html.split('class="jl-card-delta ')[1].split("</div>")[0]
    assert delta.startswith(f'{tone}">') and (arrow in delta if arrow else "↑" not in delta and "↓" not in delta)


def test_text_is_escaped_and_every_part_is_drawn():
    html = cards_html([Card("a<b", "1 & 2", note="<script>x</script>", help='say "hi"'), Card("b", "2")])
    assert "<script>" not in html and "a&lt;b" in html and "1 &amp; 2" in html
    assert 'title="say &quot;hi&quot;"' in html and 'aria-label="say &quot;hi&quot;"' in html
    assert html.count('class="jl-card"') == 2 and "--jl-cols: 2" in html
    assert "jl-card-delta" not in html  # no delta given, none drawn
