"""Map clicks → county codes (issue 4): every shape Streamlit may return, and any garbage, never raises."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.map_selection import first_selected, normalise_code, selected_codes

VALID = frozenset({"220122", "220102", "222404", "220623"})


def event(*points, **extra) -> dict:
    """The shape st.plotly_chart(..., on_select="rerun") returns."""
    selection = {"points": list(points), "point_indices": list(range(len(points))), "box": [], "lasso": []}
    selection.update(extra)
    return {"selection": selection}


class AttributeEvent:
    """An event read by attribute (ev.selection), as Streamlit's AttributeDictionary also allows."""

    def __init__(self, selection):
        self.selection = selection


class Exploding:
    """An object whose attributes raise on access."""

    def __getattr__(self, name):
        raise RuntimeError(name)


CASES = [
    ("None", None, []),
    ("empty dict", {}, []),
    ("selection None", {"selection": None}, []),
    ("no points key", {"selection": {"box": [], "lasso": []}}, []),
    ("no points", event(), []),
    ("points not a list", {"selection": {"points": "220122"}}, []),
    ("points a dict", {"selection": {"points": {"location": "220122"}}}, []),
    ("choropleth click, str", event({"location": "220122", "pointIndex": 7}), ["220122"]),
    ("choropleth click, int", event({"location": 220122}), ["220122"]),
    ("choropleth click, whole float", event({"location": 220122.0}), ["220122"]),
    ("location with spaces", event({"location": " 220122 "}), ["220122"]),
    ("centroid layer, customdata list", event({"customdata": ["222404", "珲春市"]}), ["222404"]),
    ("centroid layer, customdata scalar", event({"customdata": "222404"}), ["222404"]),
    ("customdata int", event({"customdata": 222404}), ["222404"]),
    ("customdata nested list", event({"customdata": [["220623", "长白县"]]}), ["220623"]),
    ("customdata empty list", event({"customdata": []}), []),
    ("feature properties only", event({"properties": {"code": "220102", "name": "南关区"}}), ["220102"]),
    ("properties adcode int", event({"properties": {"adcode": 220102}}), ["220102"]),
    (
        "choropleth point with everything",
        event({"location": "220122", "customdata": ["220122"], "properties": {"code": "220122"}}),
        ["220122"],
    ),
    (
        "invalid location, valid customdata",
        event({"location": "999999", "customdata": ["220122"]}),
        ["220122"],
    ),
    ("code outside the valid set", event({"location": "110101"}), []),
    ("prefecture code", event({"location": "220100"}), []),
    ("five digits", event({"location": "22012"}), []),
    ("seven digits", event({"location": 2201220}), []),
    ("fractional float", event({"location": 220122.5}), []),
    ("NaN", event({"location": math.nan}), []),
    ("infinity", event({"location": math.inf}), []),
    ("boolean", event({"location": True}), []),
    ("location None", event({"location": None}), []),
    (
        "duplicates",
        event({"location": "220122"}, {"location": 220122}, {"customdata": ["220122"]}),
        ["220122"],
    ),
    (
        "order of appearance",
        event({"location": "222404"}, {"location": "220102"}, {"location": "222404"}, {"location": "220122"}),
        ["222404", "220102", "220122"],
    ),
    ("garbage points among good", event(None, 5, "x", [], {"location": "220623"}), ["220623"]),
    ("only point_indices", {"selection": {"points": [], "point_indices": [3, 4]}}, []),
    ("a string event", "220122", []),
    ("a list event", [{"location": "220122"}], []),
    ("an int event", 220122, []),
    ("attribute access", AttributeEvent({"points": [{"location": "220102"}]}), ["220102"]),
    ("attribute access, exploding", Exploding(), []),
    ("points with exploding members", event(Exploding(), {"location": "220102"}), ["220102"]),
]


@pytest.mark.parametrize(("ev", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_selected_codes(ev, expected):
    assert selected_codes(ev, VALID) == expected


@pytest.mark.parametrize(("ev", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_first_selected(ev, expected):
    assert first_selected(ev, VALID) == (expected[0] if expected else None)


@pytest.mark.parametrize(
    ("valid", "expected"),
    [
        (None, []),
        (5, []),
        ([], []),
        (set(), []),
        (["220122"], ["220122"]),
        (("220122",), ["220122"]),
        ({"220122": "农安县"}, ["220122"]),
        ([220122], ["220122"]),  # codes read as int elsewhere still match
    ],
)
def test_valid_codes_of_any_collection(valid, expected):
    assert selected_codes(event({"location": "220122"}), valid) == expected


def test_streamlit_event_object_works():
    """The real return type: Streamlit's PlotlyState (a dict subclass read by key or attribute)."""
    plotly_chart = pytest.importorskip("streamlit.elements.plotly_chart")
    selection = plotly_chart.PlotlySelectionState(
        points=[{"location": "222404", "customdata": ["222404"]}], point_indices=[0], box=[], lasso=[]
    )
    state = plotly_chart.PlotlyState(selection=selection)
    assert selected_codes(state, VALID) == ["222404"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("220122", "220122"),
        (220122, "220122"),
        (220122.0, "220122"),
        (["220122", "x"], "220122"),
        (("220122",), "220122"),
        ("22012a", None),
        ("220122\n", "220122"),  # stripped like other whitespace
        ("2201 22", None),
        ("２２０１２２", None),  # full-width digits are not a code (re's \d would accept them)
        (b"220122", None),
        ({"code": "220122"}, None),
        (-220122, None),
        (False, None),
    ],
)
def test_normalise_code(raw, expected):
    assert normalise_code(raw) == expected


# --- properties: anything JSON-like -----------------------------------------------------------------------

SOME_CODES = ["220122", "220102", "222404", "220623", "110101", "999999"]
code_like = st.one_of(
    st.sampled_from(SOME_CODES),
    st.sampled_from(SOME_CODES).map(int),
    st.sampled_from(SOME_CODES).map(float),
    st.sampled_from(SOME_CODES).map(lambda c: [c, "名称"]),
)
json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    code_like,
)
json_like = st.recursive(
    json_scalar,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["selection", "points", "location", "customdata", "properties", "code", "adcode", "box", "x"]
            )
            | st.text(max_size=4),
            children,
            max_size=5,
        )
    ),
    max_leaves=30,
)
point = st.fixed_dictionaries(
    {}, optional={"location": json_like, "customdata": json_like, "properties": json_like}
)
structured = st.builds(lambda pts: {"selection": {"points": pts}}, st.lists(point | json_like, max_size=6))


@settings(max_examples=500, deadline=None)
@given(st.one_of(json_like, structured))
def test_any_json_like_event_never_raises_and_returns_unique_valid_codes(ev):
    found = selected_codes(ev, VALID)
    assert isinstance(found, list)
    assert set(found) <= VALID
    assert len(found) == len(set(found))
    assert first_selected(ev, VALID) == (found[0] if found else None)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(sorted(VALID)), max_size=8))
def test_codes_survive_a_json_round_trip_in_order(codes):
    """What the browser sends back is JSON: whatever we put in as codes comes out, deduplicated, in order."""
    ev = json.loads(json.dumps(event(*({"location": c} for c in codes))))
    assert selected_codes(ev, VALID) == list(dict.fromkeys(codes))
