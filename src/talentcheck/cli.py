"""The `talentcheck` command: run notebooks, validate data, refresh committed notebooks, build NeurIPS aggregates."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from talentcheck import paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="talentcheck", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    from talentcheck import discover

    run = sub.add_parser("run", help="execute notebooks and write verdicts.csv and the report",
                         formatter_class=argparse.RawDescriptionHelpFormatter,
                         epilog="notebooks:\n  " + "\n  ".join(discover.notebook_names())
                         + "\n\nTheir parameters: talentcheck params [NOTEBOOK]")
    run.add_argument("notebooks", nargs="*", metavar="NOTEBOOK", help="notebook names (default: all)")
    run.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                     help="set a notebook parameter (VALUE is read as YAML: 2019, most_elite, 0.5)")
    run.add_argument("--jobs", type=int, default=None, help="notebooks run in parallel (default: cores, at most 4)")
    run.add_argument("--output", type=Path, default=Path("output"), help="output folder (default: output/ in the current folder)")
    run.add_argument("--force", action="store_true", help="execute every notebook, even those unchanged since a cached run")

    params = sub.add_parser("params", help="list each notebook's parameters: type, default, allowed values or range, help")
    params.add_argument("notebooks", nargs="*", metavar="NOTEBOOK", help="notebook names (default: all)")

    sub.add_parser("validate", help="check every table in data/ and the claim registry")

    refresh = sub.add_parser("refresh", help="re-execute the committed notebooks in place with their defaults")
    refresh.add_argument("notebooks", nargs="*", metavar="NOTEBOOK")
    refresh.add_argument("--jobs", type=int, default=None)

    sub.add_parser("readme", help="regenerate the claim table in README.md")

    neurips = sub.add_parser("neurips", help="the NeurIPS pipeline")
    neurips_sub = neurips.add_subparsers(dest="neurips_command", required=True)
    build = neurips_sub.add_parser("build", help="rebuild data/neurips/ from the raw accepted-paper lists")
    build.add_argument("--raw", type=Path, default=paths.SHARED_RAW, help="folder of the raw files (default: ../shared/raw)")
    build.add_argument("--out", type=Path, default=None, help="where to write the tables (default: data/neurips/)")

    args = parser.parse_args(argv)
    from talentcheck import claims, data, runner

    try:
        if args.command == "validate":
            names = data.validate_all()
            registry = claims.registry()
            print(f"ok: {len(names)} tables and {len(registry)} claims are valid")
            return 0
        if args.command == "params":
            print(discover.describe(runner.resolve_notebooks(args.notebooks)))
            return 0
        if args.command == "neurips":
            from talentcheck import neurips

            out = args.out or paths.data_dir() / "neurips"
            out.mkdir(parents=True, exist_ok=True)
            for name, path in neurips.build(args.raw, out).items():
                print(f"wrote {paths.display_path(path)}")
            return 0
        if args.command == "readme":
            from talentcheck import readme

            print("README.md updated" if readme.update() else "README.md is current")
            return 0
        jobs = args.jobs or runner.default_jobs()
        if args.command == "run":
            return runner.run(args.notebooks, [tuple(p) for p in args.parameter], args.output, jobs, force=args.force)
        if args.command == "refresh":
            code = runner.refresh(args.notebooks, jobs)
            if code == 0:
                from talentcheck import readme

                readme.update()
            return code
    except (data.DataError, claims.ParameterError, runner.RunError) as err:
        print(f"talentcheck: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("talentcheck: interrupted; previous outputs left as they were", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
