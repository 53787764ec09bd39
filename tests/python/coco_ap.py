"""Independent COCO box evaluation in the Python standard library, to cross-check the workbench's own.

Follows COCOeval (pycocotools) for bounding boxes: 10 IoU thresholds 0.50:0.05:0.95, 101 recall points,
maxDets 1/10/100, area ranges all/small/medium/large, crowd regions matched without penalty.

Usage: python3 coco_ap.py ground_truth.json results.json
Prints {"stats": {AP, AP50, ..., ARl}, "perClass": {name: {AP, AP50, AP75}}} as JSON.
"""
import json
import sys
from collections import defaultdict

IOU_THRS = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]
REC_THRS = [i * 0.01 for i in range(100)] + [1.0]  # numpy linspace(0, 1, 101): start + i * step
MAX_DETS = [1, 10, 100]
AREAS = {"all": (0, 1e10), "small": (0, 32 ** 2), "medium": (32 ** 2, 96 ** 2), "large": (96 ** 2, 1e10)}
EPS = 2.220446049250313e-16  # numpy.spacing(1)


def box_iou(d, g, crowd):
    """maskApi's bbIou: over the union, or over the detection's own area for a crowd region."""
    w = min(d[0] + d[2], g[0] + g[2]) - max(d[0], g[0])
    if w <= 0:
        return 0.0
    h = min(d[1] + d[3], g[1] + g[3]) - max(d[1], g[1])
    if h <= 0:
        return 0.0
    inter = w * h
    union = d[2] * d[3] if crowd else d[2] * d[3] + g[2] * g[3] - inter
    return inter / union


def evaluate_image(gts, dts, area_rng):
    """One image and category: per threshold, which detections matched and which are ignored."""
    lo, hi = area_rng
    gt_ignore = [1 if (g["iscrowd"] or g["area"] < lo or g["area"] > hi) else 0 for g in gts]
    gorder = sorted(range(len(gts)), key=lambda i: gt_ignore[i])  # stable: ignored last
    gts = [gts[i] for i in gorder]
    gt_ignore = [gt_ignore[i] for i in gorder]
    dts = sorted(dts, key=lambda d: -d["score"])[: MAX_DETS[-1]]  # stable
    ious = [[box_iou(d["bbox"], g["bbox"], g["iscrowd"]) for g in gts] for d in dts]
    matched = []  # per threshold: per detection, True when matched
    ignored = []
    for t in IOU_THRS:
        gt_taken = [False] * len(gts)
        dt_match = [False] * len(dts)
        dt_ign = [False] * len(dts)
        for di in range(len(dts)):
            best = min(t, 1 - 1e-10)
            m = -1
            for gi in range(len(gts)):
                if gt_taken[gi] and not gts[gi]["iscrowd"]:
                    continue
                if m > -1 and gt_ignore[m] == 0 and gt_ignore[gi] == 1:
                    break
                if ious[di][gi] < best:
                    continue
                best = ious[di][gi]
                m = gi
            if m == -1:
                area = dts[di]["bbox"][2] * dts[di]["bbox"][3]
                dt_ign[di] = area < lo or area > hi
                continue
            dt_match[di] = True
            dt_ign[di] = gt_ignore[m] == 1
            gt_taken[m] = True
        matched.append(dt_match)
        ignored.append(dt_ign)
    return {"scores": [d["score"] for d in dts], "matched": matched, "ignored": ignored, "npig": gt_ignore.count(0)}


def precision_recall(entries, max_det, t):
    """Interpolated precision at the recall points and the final recall, or None without counted truth."""
    rows = []
    for e in entries:
        for di in range(min(len(e["scores"]), max_det)):
            rows.append((e["scores"][di], e["matched"][t][di], e["ignored"][t][di]))
    rows = sorted(rows, key=lambda r: -r[0])  # stable, like numpy's mergesort
    npig = sum(e["npig"] for e in entries)
    if npig == 0:
        return None
    tp = fp = 0
    rc, pr = [], []
    for _, is_match, is_ignored in rows:
        if not is_ignored:
            if is_match:
                tp += 1
            else:
                fp += 1
        rc.append(tp / npig)
        pr.append(tp / (fp + tp + EPS))
    for i in range(len(pr) - 1, 0, -1):
        if pr[i] > pr[i - 1]:
            pr[i - 1] = pr[i]
    q = []
    for r in REC_THRS:
        i = next((k for k, v in enumerate(rc) if v >= r), None)
        q.append(pr[i] if i is not None else 0.0)
    return q, (rc[-1] if rc else 0.0)


def main(gt_path, res_path):
    with open(gt_path, encoding="utf-8") as f:
        gt = json.load(f)
    with open(res_path, encoding="utf-8") as f:
        results = json.load(f)
    img_ids = sorted(i["id"] for i in gt["images"])
    cats = sorted(gt["categories"], key=lambda c: c["id"])
    gts, dts = defaultdict(list), defaultdict(list)
    for a in gt["annotations"]:
        gts[a["image_id"], a["category_id"]].append({"bbox": a["bbox"], "area": a.get("area", a["bbox"][2] * a["bbox"][3]), "iscrowd": bool(a.get("iscrowd", 0))})
    for r in results:
        dts[r["image_id"], r["category_id"]].append({"bbox": r["bbox"], "score": r["score"]})

    # per category, area and maxDets: list over IoU thresholds of (precision at recall points, recall), or None
    table = {}
    for c in cats:
        for area_name, rng in AREAS.items():
            entries = [evaluate_image(gts[i, c["id"]], dts[i, c["id"]], rng) for i in img_ids if gts[i, c["id"]] or dts[i, c["id"]]]
            for md in MAX_DETS:
                table[c["id"], area_name, md] = None if not entries else [precision_recall(entries, md, t) for t in range(len(IOU_THRS))]

    def mean(values):
        return sum(values) / len(values) if values else -1

    def ap(cat_ids, area="all", md=100, t=None):
        vals = []
        for cid in cat_ids:
            per_t = table[cid, area, md]
            if per_t is None or per_t[0] is None:
                continue
            for ti, (q, _) in enumerate(per_t):
                if t is None or ti == t:
                    vals.extend(q)
        return mean(vals)

    def ar(cat_ids, area="all", md=100):
        vals = []
        for cid in cat_ids:
            per_t = table[cid, area, md]
            if per_t is None or per_t[0] is None:
                continue
            vals.extend(r for _, r in per_t)
        return mean(vals)

    all_ids = [c["id"] for c in cats]
    stats = {
        "AP": ap(all_ids), "AP50": ap(all_ids, t=0), "AP75": ap(all_ids, t=5),
        "APs": ap(all_ids, "small"), "APm": ap(all_ids, "medium"), "APl": ap(all_ids, "large"),
        "AR1": ar(all_ids, md=1), "AR10": ar(all_ids, md=10), "AR100": ar(all_ids),
        "ARs": ar(all_ids, "small"), "ARm": ar(all_ids, "medium"), "ARl": ar(all_ids, "large"),
    }
    per_class = {c["name"]: {"AP": ap([c["id"]]), "AP50": ap([c["id"]], t=0), "AP75": ap([c["id"]], t=5)} for c in cats}
    print(json.dumps({"stats": stats, "perClass": per_class}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
