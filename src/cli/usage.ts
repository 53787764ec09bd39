/** A mistake in how the command was called: exit code 2, as is usual for command-line tools. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage: workbench <command> [options]

Commands:
  models [--json]               list the bundled models (one per line; --json: one JSON object per line)
  detect <image files...>       detect objects in PNG or JPEG files and write COCO JSON
      --model <id>              model to run (default: coco-centernet; see "workbench models")
      --out <file>              write the COCO JSON here instead of to standard output
      --threshold <0..1>        minimum score (default: the model's own)
      --verbose                 print one timing line per image to standard error

Options:
  --help                        show this help

Environment:
  WORKBENCH_MODELS              folder of models laid out like public/models (default: the bundled ones)

Exit status: 0 success, 1 some files failed, 2 usage error.
`;
