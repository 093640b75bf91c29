"""Build the LLM Almanac database from the records in sources/.

    python build_db.py build [--sources sources] [--db almanac.db]   validate, then build
    python build_db.py check [--sources sources]                      validate (and run every claim's
                                                                      SQL), leaving almanac.db alone
    python build_db.py site                                           write metadata.yml, settings.json
    python build_db.py crosscheck --ref PATH [--out FILE]             compare almanac.db with datasets
                                  [--proposals FILE]                  and propose gateways' names

Every problem is printed (file, line, record, field, what was expected) and the exit status is 1;
the database is written only when there are none, atomically.
"""

import argparse
import signal
import sys
from pathlib import Path

from almanac.build import build, check_all
from almanac.claims import write_claims_report
from almanac.crosscheck import crosscheck, report
from almanac.files import write_text_atomically
from almanac.names import proposals_csv, propose
from almanac.site import write_site


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("build", "check", "site", "crosscheck"))
    parser.add_argument("--sources", default="sources", type=Path, help="folder of records (default: sources)")
    parser.add_argument("--db", default="almanac.db", type=Path, help="database to write (default: almanac.db)")
    parser.add_argument("--claims-report", type=Path, help="after a build, write every claim's verdict to this Markdown file")
    parser.add_argument("--ref", type=Path, help="crosscheck: folder holding the reference datasets")
    parser.add_argument("--reasons", type=Path, default=Path("docs/crosscheck-reasons.yml"), help="crosscheck: reasons kept for disagreements")
    parser.add_argument("--out", type=Path, help="crosscheck: write the report here instead of printing it")
    parser.add_argument("--proposals", type=Path, help="crosscheck: write the names gateways use that the almanac lacks here, for review")
    args = parser.parse_args(argv)
    if args.command == "crosscheck":
        return run_crosscheck(args)
    if args.command == "site":
        write_site(Path(__file__).parent)
        print("Wrote metadata.yml and settings.json.")
        return 0
    if args.command == "check":
        problems = check_all(args.sources)
    else:
        problems = build(args.sources, args.db)
        if not problems and args.claims_report:
            write_claims_report(args.db, args.claims_report)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found; nothing was written.", file=sys.stderr)
        return 1
    print("All records are valid." if args.command == "check" else f"Built {args.db}.")
    return 0


def interrupted(signum, frame):
    raise KeyboardInterrupt(signal.Signals(signum).name)


def run_crosscheck(args):
    if args.ref is None or not args.ref.is_dir():
        print("crosscheck needs --ref: the folder holding the reference datasets (make crosscheck REF=...)", file=sys.stderr)
        return 1
    if not args.db.exists():
        print(f"{args.db} does not exist: build it first (make build)", file=sys.stderr)
        return 1
    disagreements, datasets = crosscheck(args.db, args.ref, args.reasons)
    text = report(disagreements, datasets)
    if args.out:
        write_text_atomically(args.out, text)
        print(f"Wrote {args.out}: {len(disagreements)} disagreements.")
    else:
        print(text, end="")
    if args.proposals:
        proposals = propose(args.db, args.ref)
        write_text_atomically(args.proposals, proposals_csv(proposals))
        print(f"Wrote {args.proposals}: {len(proposals)} proposed rows of model_names, to review before any is copied into sources/model_names/.")
    return 0


if __name__ == "__main__":
    # A build stopped by `kill` or a closed terminal unwinds like Ctrl-C: its temporary file is
    # removed and the previous database stays.
    for stop in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, interrupted)
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("Stopped; nothing was written.", file=sys.stderr)
        sys.exit(130)
