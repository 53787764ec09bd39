"""How every checker ends: problems to stderr, the summary as JSON to stdout, exit 1 when anything is wrong."""
import json
import sys


def run(check):
    problems, summary = check(sys.argv[1])
    for p in problems:
        print(p, file=sys.stderr)
    print(json.dumps(summary))
    sys.exit(1 if problems else 0)
