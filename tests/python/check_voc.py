"""Independent read-back of a Pascal VOC folder with xml.etree: every Annotations/*.xml has filename,
size and objects whose bndbox is 1-based and inside the image (1 <= xmin <= xmax <= width, same for y);
every ImageSets/Main/*.txt line names an annotation file.

Usage: python3 check_voc.py <folder>  -> prints a JSON summary; exit 1 listing problems.
"""
import os
import xml.etree.ElementTree as ET
from report import run


def check(folder):
    problems = []
    files = sorted(os.listdir(os.path.join(folder, "Annotations")))
    objects = 0
    for name in files:
        root = ET.parse(os.path.join(folder, "Annotations", name)).getroot()
        where = f"Annotations/{name}"
        if root.tag != "annotation":
            problems.append(f"{where}: root is {root.tag}")
        if not root.findtext("filename"):
            problems.append(f"{where}: no filename")
        width = int(root.findtext("size/width"))
        height = int(root.findtext("size/height"))
        if int(root.findtext("size/depth")) not in (1, 3):
            problems.append(f"{where}: odd depth")
        for obj in root.findall("object"):
            objects += 1
            box = {k: int(obj.findtext(f"bndbox/{k}")) for k in ("xmin", "ymin", "xmax", "ymax")}
            if not obj.findtext("name"):
                problems.append(f"{where}: object without name")
            if not (1 <= box["xmin"] <= box["xmax"] <= width and 1 <= box["ymin"] <= box["ymax"] <= height):
                problems.append(f"{where}: bndbox {box} outside 1..{width} x 1..{height}")
    stems = {os.path.splitext(n)[0] for n in files}
    lists = {}
    sets = os.path.join(folder, "ImageSets", "Main")
    for name in sorted(os.listdir(sets)) if os.path.isdir(sets) else []:
        with open(os.path.join(sets, name), encoding="utf-8") as f:
            ids = [line.strip() for line in f if line.strip()]
        lists[name] = len(ids)
        problems += [f"ImageSets/Main/{name}: {i} has no annotation file" for i in ids if i not in stems]
    return problems, {"files": len(files), "objects": objects, "lists": lists}


if __name__ == "__main__":
    run(check)
