"""The `talentcheck` command: run notebooks, list their parameters, validate data, refresh the committed notebooks
and the README's claim table, and the NeurIPS pipeline (fetch, build, maps, resolve)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from talentcheck import errors, paths
from talentcheck.errors import shorten
from talentcheck.run import execution

BAD_INPUT = (errors.TalentcheckError, OSError)
"""Errors in what the user gave (files, folders, parameters): exit code 2. Anything else is exit code 1."""


class OneLineParser(argparse.ArgumentParser):
    """argparse that says what is wrong in one line (no usage block; `--help` shows the usage)."""

    def error(self, message):
        self.exit(2, f"talentcheck: error: {message} (see {self.prog} --help)\n")


def whole(most: int):
    """An argparse type: a whole number from 1 to `most` (`--jobs 0`, `--timeout 30.5`, `--timeout 1e308` are
    refused in one line: nbclient takes whole seconds, and a number past `most` is no choice anyone makes)."""
    def parse(text: str):
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{shorten(text)} is not a whole number") from None
        if not 1 <= value <= most:
            raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {most}, got {shorten(text)}")
        return value
    return parse


JOBS = 32
"""The most notebooks run at once (`--jobs`); there are ten."""
TIMEOUT = 7 * 24 * 3600
"""The longest `--timeout` in seconds: a week."""


def main(argv: list[str] | None = None) -> int:
    try:
        paths.find_root()
    except paths.ProjectNotFound as err:
        print(f"talentcheck: error: {err}", file=sys.stderr)
        return 2
    parser = OneLineParser(prog="talentcheck", description=__doc__)
    parser.add_argument("--debug", action="store_true", help="show the Python traceback of an error")
    sub = parser.add_subparsers(dest="command", required=True)

    from talentcheck.run import selection

    run = sub.add_parser("run", help="execute notebooks and write verdicts.csv and the report",
                         formatter_class=argparse.RawDescriptionHelpFormatter,
                         epilog="notebooks:\n  " + "\n  ".join(selection.notebook_names())
                         + "\n\nTheir parameters: talentcheck params [NOTEBOOK]\n\n"
                         "An unchanged rerun stops early: when the output's manifest (DIR/.talentcheck-manifest.json)\n"
                         "matches this run's inputs and every published file, nothing is executed or written.\n"
                         "--force executes every notebook and skips that check.")
    run.add_argument("notebooks", nargs="*", metavar="NOTEBOOK", help="notebook names (default: all)")
    run.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                     help="set a notebook parameter (VALUE read as papermill reads it: None, True, False, 2019, 0.5, "
                          "4e5, else text)")
    run.add_argument("-f", "--parameters-file", type=Path, default=None, metavar="FILE.yaml",
                     help="set parameters from a YAML mapping of NAME: VALUE (a name may not also be given with -p)")
    run.add_argument("--timeout", type=whole(TIMEOUT), default=None,
                     help="whole seconds a notebook cell may run before the notebook counts as failed (default: 600)")
    run.add_argument("--jobs", type=whole(JOBS), default=None, help="notebooks run in parallel (default: cores, at most 4)")
    run.add_argument("--output", type=Path, default=Path("output"), help="output folder (default: output/ in the current folder)")
    run.add_argument("--site-url", default=None, metavar="URL",
                     help="the public address of output/report/: each card's ClaimReview gets its absolute url (left out otherwise)")
    run.add_argument("--date", default=None, metavar="YYYY-MM-DD",
                     help="the reviews' date (default: SOURCE_DATE_EPOCH if set, else today)")
    run.add_argument("--force", action="store_true", help="execute every notebook, even those unchanged since a cached run, and skip the "
                     "early stop of an unchanged rerun")

    params = sub.add_parser("params", help="list each notebook's parameters: type, default, allowed values or range, help")
    params.add_argument("notebooks", nargs="*", metavar="NOTEBOOK", help="notebook names (default: all)")

    sub.add_parser("validate", help="check every table in data/ and the claim registry")

    refresh = sub.add_parser("refresh", help="re-execute the committed notebooks in place with their defaults")
    refresh.add_argument("notebooks", nargs="*", metavar="NOTEBOOK")
    refresh.add_argument("--jobs", type=whole(JOBS), default=None)

    sub.add_parser("readme", help="regenerate the claim table in README.md")

    neurips = sub.add_parser("neurips", help="the NeurIPS pipeline")
    neurips_sub = neurips.add_subparsers(dest="neurips_command", required=True)
    build = neurips_sub.add_parser("build", help="rebuild data/neurips/ from the raw accepted-paper lists")
    build.add_argument("--raw", type=Path, default=None,
                       help="folder of the upstream files (default: ../shared/raw if present, else .cache/upstream)")
    build.add_argument("--out", type=Path, default=None, help="where to write the tables (default: data/neurips/)")
    fetch = neurips_sub.add_parser("fetch", help="download every upstream file the build reads, each checked by sha256")
    fetch.add_argument("--to", type=Path, default=None, help="where to put them (default: .cache/upstream)")
    fetch.add_argument("--mirror", default=None, metavar="URL_OR_DIR",
                       help="fetch from here instead of https://raw.githubusercontent.com/ (a folder or URL holding github/...)")
    maps = neurips_sub.add_parser("maps", help="re-derive the Paper Copilot maps from their 215 venue files (264 MB)")
    maps.add_argument("--to", type=Path, default=None, help="where to put the venue files (default: .cache/upstream)")
    maps.add_argument("--mirror", default=None, metavar="URL_OR_DIR", help="as for fetch")
    maps.add_argument("--out", type=Path, default=None, help="where to write the maps (default: data/papercopilot/)")
    resolve = neurips_sub.add_parser("resolve", help="resolve affiliation strings (arguments, or one per line on stdin) to a CSV of institutions")
    resolve.add_argument("affiliations", nargs="*", metavar="AFFILIATION")
    resolve.add_argument("--raw", type=Path, default=paths.SHARED_RAW,
                         help="folder of the raw institution maps (default: ../shared/raw; without it only the reviewed table is used)")

    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse has printed its usage and one line; --help exits 0
        return stop.code if isinstance(stop.code, int) else 2
    try:
        if args.command == "validate":
            from talentcheck import claims, data
            from talentcheck.claims import texts

            names = data.validate_all()
            registry = claims.registry()
            claims.cross_references()  # the quotations, charts and reader's words the claims rely on
            texts.texts()  # every claim's written texts: each slot defined and used, each verdict one of the four
            print(f"ok: {len(names)} tables and {len(registry)} claims (with their texts) are valid")
            return 0
        if args.command == "neurips" and args.neurips_command in ("fetch", "maps"):
            from talentcheck.neurips import copilot_maps, inputs

            from talentcheck.run.publishing import check_outside_repository

            to = args.to or paths.ROOT / ".cache" / "upstream"
            check_outside_repository(to, "--to", ".cache/upstream/")
            if args.neurips_command == "maps" and args.out:
                check_outside_repository(args.out, "--out", "data/papercopilot/", allow=paths.data_dir() / "papercopilot")
            if args.neurips_command == "fetch":
                inputs.fetch_inputs(to, args.mirror)
                print(f"fetched every input into {to}; now run: talentcheck neurips build --raw {to}")
            else:
                written = copilot_maps.rederive_maps(to, args.mirror, args.out or paths.data_dir() / "papercopilot")
                print("\n".join(f"wrote {paths.display_path(p)}" for p in written))
            return 0
        if args.command == "neurips" and args.neurips_command == "resolve":
            from talentcheck.neurips.resolver.resolve import checked, resolver_for, stdin_lines, write_csv

            given = [checked(a, f"argument {n}") for n, a in enumerate(args.affiliations, 1)]
            write_csv(given or stdin_lines(), resolver_for(args.raw), sys.stdout)
            return 0
        if args.command == "params":
            from talentcheck import parameters

            print(parameters.listing(selection.resolve_notebooks(args.notebooks)))
            return 0
        if args.command == "neurips":
            from talentcheck.neurips import pipeline

            args.raw = args.raw or (paths.SHARED_RAW if paths.SHARED_RAW.is_dir() else paths.ROOT / ".cache" / "upstream")
            from talentcheck.run.publishing import check_outside_repository

            out = args.out or paths.data_dir() / "neurips"
            check_outside_repository(out, "--out", "data/neurips/", allow=paths.data_dir() / "neurips")
            out.mkdir(parents=True, exist_ok=True)
            for path in pipeline.build(args.raw, out).values():
                print(f"wrote {paths.display_path(path)}")
            return 0
        if args.command == "readme":
            from talentcheck.report import readme

            print("README.md updated" if readme.update() else "README.md is current")
            return 0
        if sys.stdout is None:  # started with stdout closed (`>&-`): a run would publish without saying what it did
            raise errors.RunError("standard output is closed: a run says there what it did; "
                                  "send it to a file or to /dev/null instead")
        workers = args.jobs or execution.default_workers()
        if args.command == "run":
            from talentcheck.data.files import read_parameters_file
            from talentcheck.run import runner

            given = read_parameters_file(args.parameters_file) if args.parameters_file else None
            return runner.run(args.notebooks, [tuple(p) for p in args.parameter], args.output, workers, force=args.force,
                              site_url=args.site_url, date=args.date,
                              given=given, timeout=execution.TIMEOUT if args.timeout is None else args.timeout, echo=echo)
        if args.command == "refresh":
            from talentcheck.run import runner

            code = runner.refresh(args.notebooks, workers, echo=echo)
            if code == 0:
                from talentcheck.report import readme

                readme.update()
            return code
    except BrokenPipeError:  # stdout closed early (`talentcheck run | head -1`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python's flush at exit must not fail
        return 0
    except KeyboardInterrupt:
        print("talentcheck: interrupted; previous outputs left as they were", file=sys.stderr)
        return 130
    except Exception as err:
        if args.debug:
            raise
        code = 2 if isinstance(err, BAD_INPUT) else 1
        kind = "error" if code == 2 else f"error ({type(err).__name__}; --debug shows where)"
        print(f"talentcheck: {kind}: {error_line(err)}", file=sys.stderr)
        return code
    return 0


def echo(text: str) -> None:
    """Print a progress line; once stdout is closed (`| head -1`), the run goes on without it."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def error_line(err: BaseException) -> str:
    """An error as one line: an OSError as its file and reason, anything else with its lines joined."""
    if isinstance(err, OSError) and err.strerror:
        return f"{paths.display_path(Path(err.filename))}: {err.strerror}" if err.filename else err.strerror
    return " ".join(line.strip() for line in str(err).splitlines() if line.strip()) or type(err).__name__


if __name__ == "__main__":
    sys.exit(main())
