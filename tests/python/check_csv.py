"""Independent read-back of the workbench CSV with the csv module: header, numbers, boxes inside image_width x image_height.

Usage: python3 check_csv.py annotations.csv  -> prints a JSON summary; exit 1 listing problems.
"""
import csv
from report import run

COLUMNS = ["image", "label", "x", "y", "w", "h", "score", "status", "source", "tags", "image_width", "image_height"]


def check(path):
    problems = []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if rows[0] != COLUMNS:
        problems.append(f"header {rows[0]}")
    boxes = 0
    labels = set()
    for number, row in enumerate(rows[1:], 2):
        record = dict(zip(COLUMNS, row))
        if len(row) != len(COLUMNS):
            problems.append(f"line {number}: {len(row)} fields")
            continue
        if not record["label"]:
            continue
        x, y, w, h = (float(record[k]) for k in ("x", "y", "w", "h"))
        width, height = float(record["image_width"]), float(record["image_height"])
        if x < 0 or y < 0 or w <= 0 or h <= 0 or x + w > width + 1e-6 or y + h > height + 1e-6:
            problems.append(f"line {number}: box outside the image")
        boxes += 1
        labels.add(record["label"])
    return problems, {"rows": len(rows) - 1, "boxes": boxes, "labels": sorted(labels)}


if __name__ == "__main__":
    run(check)
