#!/usr/bin/env python3
"""Draws docs/images/scaling.svg (ns per account against each scaling parameter) from BenchmarkDotNet CSV reports.

Usage: python3 benchmarks/plot_scaling.py BenchmarkDotNet.Artifacts/results docs/images/scaling.svg
"""
import csv
import glob
import math
import os
import sys

UNITS = {"ns": 1.0, "us": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9}

# (report class, parameter column, method, ns per account = mean / divisor(parameter), panel title, x label)
PANELS = [
    ("ModelSizeBenchmarks", "Metrics", "Score", lambda p: 1, "One account against model size", "metrics"),
    ("ModelSizeBenchmarks", "Metrics", "ScoreColumnsPerAccount", lambda p: 1, "Columnar, per account, against model size", "metrics"),
    ("PortfolioSizeBenchmarks", "Accounts", "ScoreColumns", lambda p: p, "Columnar, one core, against portfolio size", "accounts"),
    ("RecordCountBenchmarks", "Records", "Evaluate", lambda p: 1, "Whole pipeline against records per account", "records"),
    ("RuleCountBenchmarks", "Rules", "ActionEngine", lambda p: 256, "Action engine against rule count", "rules"),
]


def mean_ns(text):
    value, unit = text.replace(",", "").split()
    return float(value) * UNITS[unit]


def read(results, name):
    files = glob.glob(os.path.join(results, f"*{name}-report.csv"))
    if not files:
        return []
    with open(files[0], newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def label(ns):
    return f"{ns / 1e3:.3g} µs" if ns >= 1e3 else f"{ns:.3g} ns"


def panel(x0, y0, w, h, title, xlabel, points):
    out = [f'<text x="{x0 + w / 2}" y="{y0 - 12}" text-anchor="middle" font-size="13">{title}</text>',
           f'<rect x="{x0}" y="{y0}" width="{w}" height="{h}" fill="none" stroke="#999"/>']
    if not points:
        return out
    xs = [math.log10(p) for p, _ in points]
    top = max(v for _, v in points) * 1.15
    lo, hi = min(xs), max(xs)
    span = (hi - lo) or 1
    coords = [(x0 + 20 + (x - lo) / span * (w - 40), y0 + h - v / top * h) for x, (_, v) in zip(xs, points)]
    out.append('<polyline fill="none" stroke="#1565C0" stroke-width="2" points="' + " ".join(f"{x:.1f},{y:.1f}" for x, y in coords) + '"/>')
    for (x, y), (p, v) in zip(coords, points):
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#1565C0"/>')
        out.append(f'<text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle" font-size="11">{label(v)}</text>')
        out.append(f'<text x="{x:.1f}" y="{y0 + h + 15}" text-anchor="middle" font-size="11">{p:,}</text>')
    out.append(f'<text x="{x0 + w / 2}" y="{y0 + h + 32}" text-anchor="middle" font-size="11">{xlabel} (log scale)</text>')
    out.append(f'<text x="{x0 - 8}" y="{y0 + h / 2}" text-anchor="middle" font-size="11" transform="rotate(-90 {x0 - 8} {y0 + h / 2})">ns per account</text>')
    return out


def main():
    results, target = sys.argv[1], sys.argv[2]
    w, h, gap = 260, 180, 70
    parts = []
    for i, (name, column, method, divisor, title, xlabel) in enumerate(PANELS):
        points = []
        for row in read(results, name):
            if row.get("Method") == method and row.get(column):
                parameter = int(row[column].replace(",", ""))
                points.append((parameter, mean_ns(row["Mean"]) / divisor(parameter)))
        points.sort()
        parts += panel(40 + i * (w + gap), 40, w, h, title, xlabel, points)
    width = 40 + len(PANELS) * (w + gap)
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{h + 90}" font-family="sans-serif">',
           f'<rect width="{width}" height="{h + 90}" fill="white"/>', *parts, "</svg>"]
    with open(target, "w", encoding="utf-8") as f:
        f.write("\n".join(svg) + "\n")


if __name__ == "__main__":
    main()
