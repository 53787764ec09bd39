"""Independent read-back of a YOLO folder: data.yaml names, every labels/**/*.txt line is
"class cx cy w h" with class < len(names) and values in 0..1, each label file has its image.

Usage: python3 check_yolo.py <folder>  -> prints a JSON summary; exit 1 listing problems.
"""
import os
import re
from report import run


def read_names(folder):
    """names from data.yaml, written as an index map ("  0: person") or a flow list."""
    with open(os.path.join(folder, "data.yaml"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    names, inside = {}, False
    for line in lines:
        if line.startswith("names:"):
            rest = line[len("names:"):].strip()
            if rest.startswith("["):
                return [s.strip().strip("'\"") for s in rest[1:-1].split(",")]
            inside = True
            continue
        if inside:
            m = re.match(r"^\s+(\d+):\s*(.*)$", line)
            if not m:
                break
            value = m.group(2)
            if value.startswith("'") and value.endswith("'"):
                value = value[1:-1].replace("''", "'")
            names[int(m.group(1))] = value
    return [names[i] for i in range(len(names))]


def check(folder):
    problems = []
    names = read_names(folder)
    with open(os.path.join(folder, "data.yaml"), encoding="utf-8") as f:
        yaml = f.read()
    for key in ("train", "val"):
        m = re.search(rf"^{key}: (.+)$", yaml, re.M)
        if not m:
            problems.append(f"data.yaml: no {key}")
    labels = 0
    boxes = 0
    for root, _dirs, files in os.walk(os.path.join(folder, "labels")):
        for name in files:
            labels += 1
            path = os.path.join(root, name)
            rel = os.path.relpath(path, folder)
            image_dir = os.path.join(folder, "images", os.path.relpath(root, os.path.join(folder, "labels")))
            if os.path.isdir(os.path.join(folder, "images")):
                stems = [os.path.splitext(f)[0] for f in os.listdir(image_dir)] if os.path.isdir(image_dir) else []
                if os.path.splitext(name)[0] not in stems:
                    problems.append(f"{rel}: no image beside it")
            with open(path, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    fields = line.split()
                    if not fields:
                        continue
                    if len(fields) != 5:
                        problems.append(f"{rel}:{number}: {len(fields)} fields")
                        continue
                    cls = int(fields[0])
                    values = [float(v) for v in fields[1:]]
                    if not 0 <= cls < len(names):
                        problems.append(f"{rel}:{number}: class {cls} not below {len(names)}")
                    if not all(0 <= v <= 1 for v in values):
                        problems.append(f"{rel}:{number}: value outside 0..1")
                    cx, cy, w, h = values
                    if cx - w / 2 < -1e-6 or cx + w / 2 > 1 + 1e-6 or cy - h / 2 < -1e-6 or cy + h / 2 > 1 + 1e-6:
                        problems.append(f"{rel}:{number}: box leaves the image")
                    boxes += 1
    return problems, {"names": names, "label_files": labels, "boxes": boxes}


if __name__ == "__main__":
    run(check)
