"""Ablation benchmark: what each part of 标准测算's scenario fragment costs a slider step in the browser.

Issue 12 re-anchors the page's slider target to its own chart (`bench/chart_slider_app.py`, ≤ 1.3×). The
page misses it, and no single element explains the gap (removing any one of them moves the median by
less than the run-to-run spread). This benchmark says where the gap is by taking parts away: it copies the
repository's tracked files into temporary folders, removes named parts of what the fragment re-sends on
every step by exact text edits of `pages/standards.py` (an edit that no longer matches stops the run and
names itself), serves every copy and the chart reference, and times one slider step on each, the pages
interleaved in one run, with `bench/interaction.py`'s probes (key event -> last mutation of the chart).

Variants (the rest of the page, drawn once per full run, is the same in all):
- page: the page as it is.
- no guidance: without next year's guidance section (its cards, tier table, notes, counties below).
- no figures, indicators: without the key-figure cards and the indicator table.
- chart + controls: the fragment re-sends only the chart and the sidebar controls.

Run from the repository root: `python bench/ablation.py [--reps N] [--json PATH]`. Needs Debian's
/usr/bin/chromium and Playwright's Python package. Prints numbers only; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.interaction import CHART_REFERENCE, TARGETS, Target, measure, ratio_interval  # noqa: E402
from bench.startup import CHROMIUM, CHROMIUM_ARGS, REPO_ROOT, busy_cpu_percent, chromium_available  # noqa: E402

PAGE = "pages/standards.py"
CARDS = "        st.html(view.cards)\n"  # the key figures, under the link notices
GUIDANCE = "    draw_guidance(guidance_slots, view.guidance, scenario, result, counties)\n"
INDICATORS = "    indicator_slot.markdown(view.indicators)\n"
VARIANTS: dict[str, tuple[tuple[str, str], ...]] = {  # name -> (text in PAGE, its replacement)
    "page": (),
    "no guidance": ((GUIDANCE, ""),),
    "no figures, indicators": ((CARDS, "        pass\n"), (INDICATORS, "")),
    "chart + controls": ((GUIDANCE, ""), (CARDS, "        pass\n"), (INDICATORS, "")),
}
OURS = next(t for t in TARGETS if t.name == "ours")


def tracked_files(root: Path) -> list[str]:
    return subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True, check=True).stdout.splitlines()


def edited(source: str, edits: tuple[tuple[str, str], ...]) -> str:
    """source with each edit applied once; an edit whose text is not there exactly once is an error."""
    for old, new in edits:
        if source.count(old) != 1:
            raise SystemExit(f"ablation edit no longer matches {PAGE} exactly once: {old.strip()!r}")
        source = source.replace(old, new)
    return source


def make_copy(root: Path, files: list[str], edits: tuple[tuple[str, str], ...], into: Path) -> Path:
    for name in files:
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)
    page = into / PAGE
    page.write_text(edited(page.read_text(encoding="utf-8"), edits), encoding="utf-8")
    return into


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if not chromium_available():
        return 1
    busy = busy_cpu_percent()
    files = tracked_files(REPO_ROOT)
    with tempfile.TemporaryDirectory(prefix="jilin-ablation-") as tmp:
        targets = [CHART_REFERENCE]
        for index, (name, edits) in enumerate(VARIANTS.items()):
            copy = make_copy(REPO_ROOT, files, edits, Path(tmp) / str(index))
            targets.append(Target(name, copy / "dashboard" / "app.py", OURS.url_path, OURS.slider_name, OURS.chart))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                results = measure(browser, targets, args.reps)
                version = browser.version
            finally:
                browser.close()
    chart = results["chart"]
    print(f"ablation benchmark: 标准测算's slider step with parts of its fragment removed (headless Chromium "
          f"{version}, {args.reps} interleaved steps per page, CPU {busy:.0f}% busy before start)")
    print(f"{'':24}{'median':>8}{'first':>7}{'msgs':>6} | {'x chart':>8} {'95% interval':>13}   (ms)")
    summary = {}
    for name, result in results.items():
        median, first = result.median("redraw_s"), result.median("first_s")
        low, high = ratio_interval(result, chart)
        summary[name] = {"redraw_ms_median": median * 1000, "first_ms_median": first * 1000,
                         "messages_median": result.median("messages"), "over_chart": median / chart.median("redraw_s"),
                         "over_chart_95": [low, high], "reps": [asdict(r) for r in result.reps]}
        print(f"{name:24}{median * 1000:8.0f}{first * 1000:7.0f}{result.median('messages'):6.0f}"
              f" | {median / chart.median('redraw_s'):8.2f} {f'{low:.2f}-{high:.2f}':>13}")
    print("median/first = key event -> last/first mutation of the projection chart; msgs = WebSocket messages "
          "received for the rerun;\nx chart = median / the chart reference's median, with a bootstrap interval "
          "(steps resampled in pairs). Target of issue 12: page <= 1.3 x chart.")
    if args.json:
        args.json.write_text(json.dumps({"chromium": version, "reps": args.reps, "cpu_busy_before_percent": busy,
                                         "pages": summary}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
