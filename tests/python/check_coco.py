"""Independent read-back of a COCO detection file: ids unique, references valid, boxes inside images.

Usage: python3 check_coco.py annotations.json  -> prints a JSON summary; exit 1 listing problems.
"""
import json
from report import run


def check(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    problems = []
    if not isinstance(data.get("info"), dict):
        problems.append("no info object (pycocotools' loadRes copies it)")
    images = {}
    for image in data["images"]:
        if image["id"] in images:
            problems.append(f"image id {image['id']} repeated")
        if not (image["width"] > 0 and image["height"] > 0):
            problems.append(f"image {image['id']} has no size")
        images[image["id"]] = image
    categories = set()
    for category in data["categories"]:
        if category["id"] in categories:
            problems.append(f"category id {category['id']} repeated")
        if not isinstance(category["name"], str) or not category["name"]:
            problems.append(f"category {category['id']} has no name")
        categories.add(category["id"])
    seen = set()
    for a in data["annotations"]:
        if a["id"] in seen:
            problems.append(f"annotation id {a['id']} repeated")
        seen.add(a["id"])
        if a["image_id"] not in images:
            problems.append(f"annotation {a['id']}: unknown image_id {a['image_id']}")
            continue
        if a["category_id"] not in categories:
            problems.append(f"annotation {a['id']}: unknown category_id {a['category_id']}")
        x, y, w, h = a["bbox"]
        image = images[a["image_id"]]
        if x < 0 or y < 0 or w <= 0 or h <= 0 or x + w > image["width"] + 1e-6 or y + h > image["height"] + 1e-6:
            problems.append(f"annotation {a['id']}: bbox {a['bbox']} outside image {image['width']}x{image['height']}")
        if abs(a["area"] - w * h) > 0.01 * max(1.0, w * h):
            problems.append(f"annotation {a['id']}: area {a['area']} is not w*h")
        if a["iscrowd"] not in (0, 1):
            problems.append(f"annotation {a['id']}: iscrowd {a['iscrowd']}")
        if "score" in a and not (0 <= a["score"] <= 1):
            problems.append(f"annotation {a['id']}: score {a['score']}")
    return problems, {"images": len(images), "annotations": len(seen), "categories": len(categories)}


if __name__ == "__main__":
    run(check)
