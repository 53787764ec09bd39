/** A mistake in how the command was called: exit code 2, as is usual for command-line tools. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage: workbench <command> [options]

Commands:
  models [--json] [<model folder>...]
                                list the bundled models (one per line; --json: one JSON object per line), then
                                each given model (a folder, its model.json or a .zip of a TF.js model) with the
                                manifest proposed for it; with --json that manifest, to edit and pin with --manifest
  detect <image files...>       detect objects in PNG, JPEG or TIFF files and write COCO JSON (or another format)
      --model <id or path>      model to run (default: coco-centernet; see "workbench models"), or your own: a
                                folder with model.json + .bin shards (+ ultralytics metadata.yaml, Teachable
                                Machine metadata.json or labels.txt), that model.json, or a .zip of them
      --manifest <file>         with a model folder: a manifest.json that pins every setting (input, resize,
                                normalisation, decoder, labels) instead of the proposed ones
      --out <file>              write the COCO JSON here instead of to standard output
      --format coco|yolo|voc|csv  dataset format (default: coco); yolo and voc write several files: --out is a
                                folder or a .zip; csv: one row per box
      --format geojson          each box as a polygon on the map, for
                                GeoTIFFs and images with a world file beside them (.jgw, .pgw, .tfw, .wld);
                                one file per image: --out is a folder for several images
      --format gpkg|fgb         GeoTIFFs (or images with world files) as areas: files in one CRS that touch
                                or overlap are read as one mosaic, tiles crossing file borders read from
                                both, an object cut by a border found once; one layer "detections" (label,
                                score, status, source, model_version, image_sha256, image) in the files' CRS,
                                as GeoPackage 1.3 or FlatGeobuf; --out <file> is needed. Files in several
                                CRSs are refused (nothing written). Runs like the app's Detect area: a score
                                floor of 0.05, boxes merged, then --threshold (default the model's own)
      --crs native|wgs84        geojson in the raster's own CRS, named in a "crs" member (default), or
                                RFC 7946 WGS 84 longitude/latitude
      --crs-epsg <code>         the CRS of images whose georeference names none (a world file without .prj);
                                only codes of the bundled table (see README), since the output names it
      --crs-def <definition>    the same as a proj4 string, WKT or a .prj file; also stands in for an EPSG code
                                the file names that is not in the bundled table
      --split-by-class          geojson: one file per image and label, <image>.<label>.geojson in --out
      --threshold <0..1>        minimum score (default: the model's own)
      --verbose                 print one timing line per image to standard error
      --tile <px>               run the model tile by tile, tiles of this size (default for images more
                                than twice the model input along a side, with tiles of the input size)
      --overlap <0..0.9>        share of a tile overlapping its neighbour (default 0.2)
      --whole-pass              with tiles, also run once on the whole image shrunk to one tile
      --no-tile                 run once on the whole image shrunk to the model input, whatever its size
      --stretch <low,high>      TIFFs deeper than 8 bits: percentiles that become black and white (default 2,98)
      --resume                  continue a run that was stopped: with --out, each finished image is kept in
                                <out>.progress.jsonl as it finishes (removed once the output is written);
                                --resume runs only the images it lacks (same files by SHA-256, same options)
      --relabel <folder>        a box labeller (what "workbench train --task boxes" writes, or another classifier's
                                folder, model.json or .zip) run on each box the detector finds, cut out with a
                                little context: the boxes take its labels; the output names both models
  classify <image files...>     label whole PNG or JPEG images; one JSON object per image on standard output:
                                {"file", "sha256", "width", "height", "labels": [{"label", "score"}, ...]}
      --model <id or path>      classifier to run (default: content-mobilenetv2; see "workbench models"), or your own
                                (a folder, model.json or .zip, as for detect)
      --manifest <file>         with a model folder: a manifest.json that pins every setting
      --top <n>                 labels per image, best first (default: the model's own)

  train --task tags|boxes --data <set> --out <folder>
                                train a classifier on the bundled MobileNetV2's features: "boxes" on the crops of
                                the labelled boxes (a box labeller for detect --relabel), "tags" on image-level tags;
                                prints the validation figures as one JSON object (accuracy, per-class precision and
                                recall, confusion matrix, the k-NN baseline) and writes model.json, weights.bin and
                                metadata.json in Teachable Machine's layout (classify --model reads them)
      --data <set>              a COCO file with its images beside it (or in images/), or a folder or .zip in any
                                format "convert" reads, with its images; for tags also one folder per class
      --out <folder>            a new or empty folder
      --seed <n>                seed of the stratified validation split and of the training (default 1)
      --val <share>             share of each label held out for validation (default 0.2)
      --min-examples <n>        labels with fewer examples are left out, and said so (default 5)
      --labels <a,b,…>          train on these labels only (default: every label with enough examples)
      --name <name>             the model's name in metadata.json (default: the output folder's name)
      --epochs <n>              at most this many epochs (default 200; training stops earlier when the
                                validation loss stops falling)
      --verbose                 progress of the embeddings and the epochs on standard error

  convert <input> <output>      convert a dataset: --from and --to coco|yolo|voc|csv; input and output are a
                                folder, a .zip or one file (COCO JSON, CSV); a set with any problem is refused
                                whole, each problem named by file and line; images in the input are carried over
      --split <train,val,test>  split by these ratios (e.g. 0.8,0.1,0.1); the same --seed gives the same split
      --seed <n>                seed of the split (default 0)
      --verbose                 say what was read and written
      --zip-limits <limits>     what a zip input may inflate to, e.g. entry=2GiB,total=8GiB,ratio=500
                                (default entry=1GiB,total=4GiB,ratio=100; the ratio is checked on files
                                over 1 MiB); files outside the set's layout are skipped unread

  verify <backup.zip>           check a project backup offline: every file against the manifest, every image
                                against its SHA-256, the audit chain from its first entry to the head the
                                manifest records, and the annotations as the log leaves them; prints
                                "verified: N images, M audit entries, head <hash>" or the first broken item
                                (exit 1)
      --zip-limits <limits>     as for convert

  evaluate --gt <file> --pred <file>  evaluate predictions against ground truth, as COCOeval does: AP, AP50, AP75,
                                AP and AR by size, AR at 1/10/100 detections, per class AP, precision, recall and
                                F1 at the score threshold (and the threshold with the best F1), a confusion matrix
      --gt <file>               COCO JSON (iscrowd regions count as pycocotools counts them), or a folder or .zip
                                in another format (--gt-format coco|yolo|voc|csv when it cannot be told)
      --pred <file>             a COCO results list [{image_id, category_id, bbox, score}], or a COCO file with
                                scored annotations (what "workbench detect" writes; images matched by file name),
                                or "workbench classify" output (image tags: accuracy, per-tag precision and recall);
                                give --pred twice to compare two runs (the second minus the first, on the
                                images both files cover)
      --iou <0..1>              IoU at which a detection is right, for the thresholded figures (default 0.5)
      --threshold <0..1>        minimum score of the detections counted (default 0.5)
      --json                    one JSON object: the twelve COCO figures at the top level (AP, AP50, AP75, APs,
                                APm, APl, AR1, AR10, AR100, ARs, ARm, ARl), perClass.<name>, confusion, notes
  inspect <files...>            for evidence: one JSON object per file on standard output:
                                {"file", "size", "md5", "sha1", "sha256", "phash", "exif": {"make", "model",
                                "time", "gps": {"lat", "lon", "alt"}}, "matches": [list names]}
      --hash-list <file>        a known-file list (one MD5, SHA-1 or SHA-256 per line, or a CSV with a hash
                                column), named after its file; repeat for several lists; a malformed line is
                                named on standard error with its number and skipped
      --near-duplicates         also print a last line {"groups": [[file, ...], ...]} of near-duplicate images
      --max-distance <0..64>    bits two perceptual hashes may differ in to be near-duplicates (default 10)

Options:
  --help                        show this help

Environment:
  WORKBENCH_MODELS              folder of models laid out like public/models (default: the bundled ones)

Exit status: 0 success, 1 some files failed, 2 usage error.
`;
