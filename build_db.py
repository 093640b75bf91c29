"""Build the LLM Almanac database from the records in sources/.

    python build_db.py build [--sources sources] [--db almanac.db]   validate, then build
    python build_db.py check [--sources sources]                      validate (and run every claim's
                                                                      SQL), leaving almanac.db alone
    python build_db.py site                                           write metadata.yml, settings.json
    python build_db.py crosscheck --ref PATH [--out FILE]             compare almanac.db with datasets
                                  [--proposals FILE]                  and propose gateways' names
    python build_db.py quotes [--write-exceptions] [--write-docs]    citations whose quote does not
                                                                      state their value (the quote rule);
                                                                      rewrite the exceptions list, or the
                                                                      generated parts of docs/provenance.md
    python build_db.py publish --to cloudrun|fly [--run]              print (or run) the command that
                                                                      publishes a read-only replica

Every problem is printed (file, line, record, field, what was expected) and the exit status is 1;
the database is written only when there are none, atomically.
"""

import argparse
import signal
import sys
import tempfile
from pathlib import Path

from almanac import quote_rule
from almanac.build import build, check, check_all
from almanac.claims import write_claims_report
from almanac.crosscheck import crosscheck, report
from almanac.files import write_text_atomically
from almanac.names import proposals_csv, propose
from almanac.publish import TARGETS, publish
from almanac.site import write_site


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("build", "check", "site", "crosscheck", "quotes", "publish"))
    parser.add_argument("--sources", default="sources", type=Path, help="folder of records (default: sources)")
    parser.add_argument("--db", default="almanac.db", type=Path, help="database to write (default: almanac.db)")
    parser.add_argument("--claims-report", type=Path, help="after a build, write every claim's verdict to this Markdown file")
    parser.add_argument("--ref", type=Path, help="crosscheck: folder holding the reference datasets")
    parser.add_argument("--reasons", type=Path, default=Path("docs/crosscheck-reasons.yml"), help="crosscheck: reasons kept for disagreements")
    parser.add_argument("--out", type=Path, help="crosscheck: write the report here instead of printing it")
    parser.add_argument("--proposals", type=Path, help="crosscheck: write the names gateways use that the almanac lacks here, for review")
    parser.add_argument("--quote-exceptions", type=Path, default=quote_rule.EXCEPTIONS, help=f"citations the quote rule lets through for now (default: {quote_rule.EXCEPTIONS})")
    parser.add_argument("--write-exceptions", action="store_true", help="quotes: write the citations that fail the quote rule to --quote-exceptions")
    parser.add_argument("--all", action="store_true", help="quotes: list every failing citation, those in --quote-exceptions too, with its file and line")
    parser.add_argument("--write-docs", action="store_true", help="quotes: rewrite the generated parts of docs/provenance.md (the forms, and the share of facts in their makers' words)")
    parser.add_argument("--to", choices=TARGETS, default="cloudrun", help="publish: where the replica runs")
    parser.add_argument("--run", action="store_true", help="publish: run the command instead of printing it")
    args = parser.parse_args(argv)
    if args.command == "crosscheck":
        return run_crosscheck(args)
    if args.command == "quotes":
        return run_quotes(args)
    if args.command == "publish":
        return publish(args.to, Path(__file__).parent, run=args.run)
    if args.command == "site":
        try:
            write_site(Path(__file__).parent)
        except ValueError as error:
            print(error, file=sys.stderr)
            return 1
        print("Wrote metadata.yml and settings.json.")
        return 0
    if args.command == "check":
        problems = check_all(args.sources, args.quote_exceptions)
    else:
        problems = build(args.sources, args.db, quote_exceptions=args.quote_exceptions)
        if not problems and args.claims_report:
            write_claims_report(args.db, args.claims_report)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found; nothing was written.", file=sys.stderr)
        return 1
    print("All records are valid." if args.command == "check" else f"Built {args.db}.")
    return 0


def run_quotes(args):
    records, problems = check(args.sources)
    failures = quote_rule.failures(records)
    if args.write_exceptions:
        quote_rule.write_exceptions(args.quote_exceptions, failures)
        print(f"Wrote {args.quote_exceptions}: {len(failures)} citations that fail the quote rule.")
    if args.write_docs:
        # The share of facts in their makers' words is counted on a fresh build of the records.
        with tempfile.TemporaryDirectory() as folder:
            db_path = Path(folder) / "almanac.db"
            problems = build(args.sources, db_path, quote_exceptions=args.quote_exceptions)
            for problem in problems:
                print(problem, file=sys.stderr)
            if problems:
                print(f"{len(problems)} problems found; {quote_rule.DOCS} was not written.", file=sys.stderr)
                return 1
            quote_rule.write_docs(Path(__file__).parent, db_path)
        print(f"Wrote {quote_rule.DOCS}.")
    if not (args.write_exceptions or args.write_docs):
        listed = quote_rule.read_exceptions(args.quote_exceptions)
        for failure in failures:
            if args.all or failure.key not in listed:
                print(failure.problem())
        print(f"{len(failures)} citations fail the quote rule, {sum(f.key not in listed for f in failures)} of them not in {args.quote_exceptions}.")
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
