"""A briefing deck as data: an ordered list of slides, each a view with its parameters.

Why data: a deck must survive a link (the whole deck travels in the URL, so sharing is copying the
address), a save by name, and three renderers (screen, PDF, PowerPoint) that must agree. The slide kinds
and their parameters are declared once in `SLIDE_KINDS`; validation, defaults, the editor and the URL
codec all read that table. Nothing here knows how a slide is drawn.

A bad link never loses the rest of the deck: a slide whose kind is unknown is dropped and a parameter
that does not fit the data falls back to its default, each with a Chinese notice naming the slide and the
value (`decode_deck`).
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

# Limits that keep a link usable (browsers and proxies cut URLs beyond a few kB) and a deck presentable.
MAX_SLIDES = 30
MAX_HEADLINE_CHARS = 80
MAX_NOTES_CHARS = 1500
MAX_NAME_CHARS = 40
DECK_FORMAT = 1  # bumped when the encoded layout changes; older links still decode while it is 1


@dataclass(frozen=True)
class ParamSpec:
    """One parameter of a slide kind: which vocabulary its values come from, and its default."""

    name: str
    vocabulary: str  # a key of `Vocabulary.choices` ("indicator", "metric", "year", "county", "peers")
    label: str
    default: Any = None  # None: the vocabulary's own default (`Vocabulary.defaults`)


@dataclass(frozen=True)
class SlideKind:
    key: str
    title: str
    title_en: str
    params: tuple[ParamSpec, ...] = ()


SCENARIO_PARAM = "scenario"  # a slide's scenario: the link parameters of a Scenario (analytics.scenario)

SLIDE_KINDS: dict[str, SlideKind] = {k.key: k for k in (
    SlideKind("overview", "概览", "Overview"),
    SlideKind("income_standards", "收入与低保标准", "Income and standards"),
    SlideKind("projection", "情景测算", "Scenario projection"),
    SlideKind("indicator_table", "十四五指标表", "14th FYP indicator table"),
    SlideKind("indicator_path", "单项指标", "One indicator",
              (ParamSpec("indicator", "indicator", "指标"),)),
    SlideKind("map", "县域地图", "County map",
              (ParamSpec("metric", "metric", "地图指标"), ParamSpec("year", "year", "年份"))),
    SlideKind("county_peers", "县（市、区）对比", "County and peers",
              (ParamSpec("county", "county", "县（市、区）"), ParamSpec("peers", "peers", "对比组"),
               ParamSpec("metric", "metric", "对比指标"))),
    SlideKind("targets", "目标登记", "Targets register"),
)}


@dataclass(frozen=True)
class Slide:
    """One slide: a kind, its parameters, and what the user wrote (headline override, speaker notes)."""

    kind: str
    params: tuple[tuple[str, Any], ...] = ()
    headline: str = ""  # "" = the sentence generated from the data
    notes: str = ""  # the user's own speaker notes; the generated figures and sources are added to them

    def param(self, name: str, default: Any = None) -> Any:
        return dict(self.params).get(name, default)

    def with_params(self, **values: Any) -> Slide:
        merged = dict(self.params) | values
        return replace(self, params=tuple(sorted((k, v) for k, v in merged.items() if v is not None)))


@dataclass(frozen=True)
class Deck:
    name: str
    slides: tuple[Slide, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Vocabulary:
    """The values each parameter may take in the data in force (indicator numbers, metric keys, years,
    county codes, peer groups) and the default of each. Built by the dashboard from the loaded data, so a
    link made against other data is checked against this data."""

    choices: Mapping[str, Sequence[Any]]
    defaults: Mapping[str, Any]
    labels: Mapping[str, Mapping[Any, str]] = field(default_factory=dict)  # value -> display text, for notices

    def label(self, vocabulary: str, value: Any) -> str:
        return self.labels.get(vocabulary, {}).get(value, str(value))


class DeckError(ValueError):
    """A deck link that cannot be read at all (the message is Chinese and names the problem)."""


def default_deck(vocabulary: Vocabulary) -> Deck:
    """The deck a briefing starts from: one slide per kind, in the order a briefing is told, with the
    default indicator (the rural/urban ratio, indicator 2) and map (rural standard, latest year)."""
    slides = [
        Slide("overview"),
        Slide("income_standards"),
        Slide("projection"),
        Slide("indicator_table"),
        Slide("indicator_path").with_params(indicator=vocabulary.defaults["indicator"]),
        Slide("map").with_params(metric=vocabulary.defaults["metric"], year=vocabulary.defaults["year"]),
        Slide("county_peers").with_params(county=vocabulary.defaults["county"],
                                          peers=vocabulary.defaults["peers"], metric=vocabulary.defaults["metric"]),
        Slide("targets"),
    ]
    return Deck("默认简报", tuple(slides))


def _clean_text(raw: Any, limit: int) -> str:
    """Text a user typed: a string, control characters removed, cut at `limit` characters."""
    text = "" if raw is None else str(raw)
    text = "".join(ch for ch in text if ch in "\n\t" or ch.isprintable())
    return text[:limit]


def check_slide(slide: Slide, vocabulary: Vocabulary, number: int) -> tuple[Slide, list[str]]:
    """The slide with every parameter valid for the data in force, and a notice per value replaced.

    `number` is the slide's 1-based position, named in the notices ("第3页").
    """
    kind = SLIDE_KINDS[slide.kind]
    notices: list[str] = []
    values: dict[str, Any] = {}
    given = dict(slide.params)
    for spec in kind.params:
        allowed = list(vocabulary.choices[spec.vocabulary])
        default = spec.default if spec.default is not None else vocabulary.defaults[spec.vocabulary]
        value = given.get(spec.name, default)
        matched = next((a for a in allowed if str(a) == str(value)), None)
        if matched is None:
            notices.append(f"第{number}页（{kind.title}）：{spec.label}“{_clean_text(value, 20)}”在当前数据中不存在，"
                           f"已改用“{vocabulary.label(spec.vocabulary, default)}”。")
            matched = default
        values[spec.name] = matched
    if SCENARIO_PARAM in given and kind.key == "projection":
        scenario = given[SCENARIO_PARAM]
        if isinstance(scenario, Mapping) and all(isinstance(k, str) and isinstance(v, str)
                                                 for k, v in scenario.items()):
            values[SCENARIO_PARAM] = dict(scenario)
        else:
            notices.append(f"第{number}页（{kind.title}）：情景参数无法识别，已改用基准情景。")
    unknown = sorted(set(given) - set(values) - {SCENARIO_PARAM})
    if unknown:
        notices.append(f"第{number}页（{kind.title}）：忽略了不认识的参数 {'、'.join(unknown)}。")
    checked = Slide(kind.key, tuple(sorted(values.items())), _clean_text(slide.headline, MAX_HEADLINE_CHARS),
                    _clean_text(slide.notes, MAX_NOTES_CHARS))
    return checked, notices


def check_deck(deck: Deck, vocabulary: Vocabulary) -> tuple[Deck, list[str]]:
    """Every slide checked (`check_slide`); slides past `MAX_SLIDES` are dropped with a notice."""
    notices: list[str] = []
    slides: list[Slide] = []
    for number, slide in enumerate(deck.slides[:MAX_SLIDES], start=1):
        checked, slide_notices = check_slide(slide, vocabulary, number)
        slides.append(checked)
        notices.extend(slide_notices)
    if len(deck.slides) > MAX_SLIDES:
        notices.append(f"简报最多 {MAX_SLIDES} 页，第 {MAX_SLIDES + 1} 页起已省略。")
    return Deck(_clean_text(deck.name, MAX_NAME_CHARS) or "简报", tuple(slides)), notices


def _json_value(value: Any) -> Any:
    """numpy integers and the like as plain JSON values."""
    if hasattr(value, "item"):
        return value.item()
    return value


def encode_deck(deck: Deck) -> str:
    """The deck as one URL-safe token: compact JSON, deflated, base64url without padding."""
    body = {"v": DECK_FORMAT, "n": deck.name,
            "s": [[s.kind, {k: _json_value(v) for k, v in s.params}, s.headline, s.notes] for s in deck.slides]}
    raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode("ascii").rstrip("=")


def _slide_from_json(item: Any, number: int) -> tuple[Slide | None, str | None]:
    if not isinstance(item, list) or not item or not isinstance(item[0], str):
        return None, f"第{number}页的格式无法识别，已略去。"
    kind = item[0]
    if kind not in SLIDE_KINDS:
        return None, f"第{number}页的类型“{_clean_text(kind, 20)}”不存在，已略去。"
    params = item[1] if len(item) > 1 and isinstance(item[1], dict) else {}
    headline = item[2] if len(item) > 2 and isinstance(item[2], str) else ""
    notes = item[3] if len(item) > 3 and isinstance(item[3], str) else ""
    return Slide(kind, tuple(sorted(params.items())), headline, notes), None


def decode_deck(token: str, vocabulary: Vocabulary) -> tuple[Deck, list[str]]:
    """The deck in a link, checked against the data in force, with a Chinese notice per repair.

    Raises DeckError only when nothing can be read (not base64, not a deck); then the caller keeps the
    deck it has and shows the message.
    """
    try:
        padded = token + "=" * (-len(token) % 4)
        raw = zlib.decompress(base64.urlsafe_b64decode(padded.encode("ascii")))
        body = json.loads(raw.decode("utf-8"))
    except (binascii.Error, zlib.error, UnicodeError, ValueError) as exc:
        raise DeckError("简报链接中的 deck 参数已损坏（可能被截断），无法读取；仍显示原来的简报。") from exc
    if not isinstance(body, dict) or not isinstance(body.get("s"), list):
        raise DeckError("简报链接中的 deck 参数不是简报数据，无法读取；仍显示原来的简报。")
    if body.get("v") != DECK_FORMAT:
        raise DeckError(f"简报链接的格式版本“{_clean_text(body.get('v'), 10)}”无法识别；仍显示原来的简报。")
    notices: list[str] = []
    slides: list[Slide] = []
    for number, item in enumerate(body["s"], start=1):
        slide, notice = _slide_from_json(item, number)
        if notice:
            notices.append(notice)
        if slide is not None:
            slides.append(slide)
    if not slides:
        raise DeckError("简报链接中没有可用的页面；仍显示原来的简报。")
    deck, check_notices = check_deck(Deck(str(body.get("n") or "简报"), tuple(slides)), vocabulary)
    return deck, notices + check_notices


# Editing: pure operations the deck editor calls, each returning a new deck.

def add_slide(deck: Deck, kind: str, vocabulary: Vocabulary, position: int | None = None) -> Deck:
    """A new slide of `kind` with default parameters, after `position` (0-based) or at the end."""
    slide, _ = check_slide(Slide(kind), vocabulary, len(deck.slides) + 1)
    slides = list(deck.slides)
    slides.insert(len(slides) if position is None else position + 1, slide)
    return replace(deck, slides=tuple(slides[:MAX_SLIDES]))


def remove_slide(deck: Deck, index: int) -> Deck:
    """The deck without slide `index`; the last slide is never removed (a deck has at least one)."""
    if len(deck.slides) <= 1 or not 0 <= index < len(deck.slides):
        return deck
    return replace(deck, slides=deck.slides[:index] + deck.slides[index + 1:])


def move_slide(deck: Deck, index: int, step: int) -> Deck:
    """Slide `index` moved `step` places (−1 up, +1 down), clamped to the deck."""
    target = min(max(index + step, 0), len(deck.slides) - 1)
    if not 0 <= index < len(deck.slides) or target == index:
        return deck
    slides = list(deck.slides)
    slides.insert(target, slides.pop(index))
    return replace(deck, slides=tuple(slides))


def update_slide(deck: Deck, index: int, slide: Slide) -> Deck:
    slides = list(deck.slides)
    slides[index] = slide
    return replace(deck, slides=tuple(slides))
