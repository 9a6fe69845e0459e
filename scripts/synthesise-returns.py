#!/usr/bin/env python3
"""Writes N synthetic, fictional schools' returns (assessment TOML files) for benchmarks and
for looking at area reports: varied judgements (each strand has its own tendency, so some
are area strengths and some areas for development), varied evidence lengths, some strands
not judged, and a checklist.

    scripts/synthesise-returns.py N OUT_DIR [--year 2025/26] [--seed 1] [--areas 1]

With --areas K above 1, the schools are dealt in turn to K local areas ("Area 1" ... "Area K");
otherwise every school is in "DSPL 9".
"""
import argparse
import os
import random
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUBRIC = tomllib.load(open(os.path.join(ROOT, "rubric", "hertfordshire.toml"), "rb"))
LEVELS = [level["id"] for level in RUBRIC["levels"]]
WORDS = ("learning walks show adaptive teaching in most classes; pupil voice and parent survey "
         "results were discussed with governors; the provision map records entry and exit data; "
         "staff training on the four broad areas of need; EHCP annual reviews held on time").split()
KINDS = ["Primary School", "Infant and Nursery School", "Junior School", "Academy", "High School", "School"]
NAMES = ["Alder", "Beech", "Cedar", "Damson", "Elm", "Fir", "Gorse", "Hazel", "Ivy", "Juniper",
         "Larch", "Maple", "Oak", "Pine", "Rowan", "Sycamore", "Willow", "Yew", "Holly", "Ash"]


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def evidence(rng):
    n = rng.choice([8, 15, 25, 40, 70])
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--year", default="2025/26")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--areas", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    start = int(args.year[:4])
    os.makedirs(args.out, exist_ok=True)
    # Each strand's tendency: the chance a school judges it below Expected, and Exemplary.
    tendency = {}
    for outcome in RUBRIC["outcomes"]:
        for strand in outcome["strands"]:
            tendency[(outcome["id"], strand["id"])] = (rng.choice([0.0, 0.02, 0.05, 0.1, 0.2, 0.3]), rng.choice([0.05, 0.1, 0.2, 0.3]))
    for i in range(args.n):
        name = f"{NAMES[i % len(NAMES)]} {'' if i < len(NAMES) else str(i // len(NAMES) + 1) + ' '}{rng.choice(KINDS)}"
        urn = str(110000 + i)
        lines = [
            f"# Synthetic return {i + 1} (fictional).",
            'rubric = { id = "hertfordshire-send-benchmark", version = "1" }',
            "[school]", f"name = {quote(name)}", f'urn = "{urn}"',
            f'area = "Area {i % args.areas + 1}"' if args.areas > 1 else 'area = "DSPL 9"',
            "[review]", f'academic_year = "{args.year}"', f"date = {start + 1}-06-{rng.randint(1, 28):02d}",
            "[[participants]]", 'role = "senco"', f'name = "SENCO {i + 1}"',
        ]
        for item in RUBRIC["checklist"]["items"]:
            status = rng.choices(["met", "partly-met", "not-met", ""], [85, 10, 3, 2])[0]
            lines += [f"[checklist.{item['id']}]", f'status = "{status}"', f"evidence = {quote(evidence(rng))}"]
        for outcome in RUBRIC["outcomes"]:
            for strand in outcome["strands"]:
                low, high = tendency[(outcome["id"], strand["id"])]
                r = rng.random()
                level = "" if r < 0.02 else LEVELS[0] if r < 0.02 + low else LEVELS[-1] if r > 1 - high else LEVELS[1]
                lines += [f"[outcomes.{outcome['id']}.strands.{strand['id']}]", f'judgement = "{level}"',
                          f"evidence = {quote(evidence(rng))}"]
        with open(os.path.join(args.out, f"return-{i + 1:05d}.toml"), "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
