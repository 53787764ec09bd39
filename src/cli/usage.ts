/** A mistake in how the command was called: exit code 2, as is usual for command-line tools. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage: workbench <command> [options]

Commands:
  models [--json]               list the bundled models (one per line; --json: one JSON object per line)
  detect <image files...>       detect objects in PNG, JPEG or TIFF files and write COCO JSON (or another format)
      --model <id>              model to run (default: coco-centernet; see "workbench models")
      --out <file>              write the COCO JSON here instead of to standard output
      --format coco|yolo|voc|csv  dataset format (default: coco); yolo and voc write several files: --out is a
                                folder or a .zip; csv: one row per box
      --format geojson          each box as a polygon on the map, for
                                GeoTIFFs and images with a world file beside them (.jgw, .pgw, .tfw, .wld);
                                one file per image: --out is a folder for several images
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
  classify <image files...>     label whole PNG or JPEG images; one JSON object per image on standard output:
                                {"file", "sha256", "width", "height", "labels": [{"label", "score"}, ...]}
      --model <id>              classifier to run (default: content-mobilenetv2; see "workbench models")
      --top <n>                 labels per image, best first (default: the model's own)

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

Options:
  --help                        show this help

Environment:
  WORKBENCH_MODELS              folder of models laid out like public/models (default: the bundled ones)

Exit status: 0 success, 1 some files failed, 2 usage error.
`;
