"""What a user can run: the notebooks, each one's parameters (type, default, allowed values or range, help),
and the closest valid name when one is mistyped."""
from __future__ import annotations

import difflib
import re
from pathlib import Path

DOMAIN = re.compile(r"^\s*(?:one of:\s*[^.]+|range:\s*[^.]+)\.\s*")


def notebook_names() -> list[str]:
    from talentcheck.runner import all_notebooks

    return [p.name for p in all_notebooks()]


def suggest(name: str, valid: list[str]) -> str:
    """"did you mean X? valid: a, b, c" for a name not in `valid` (matching names with or without `.ipynb`)."""
    stems = {Path(v).stem: v for v in valid}
    close = difflib.get_close_matches(name, valid, n=1, cutoff=0.5) or [
        stems[s] for s in difflib.get_close_matches(Path(name).stem, list(stems), n=1, cutoff=0.5)]
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"{hint}valid: {', '.join(valid)}"


def parameters(path: Path) -> list[dict]:
    """The parameters a notebook declares: name, type, default, domain (allowed values or range) and help,
    as `talentcheck.parameters` reads them for the runner's checks."""
    from talentcheck.parameters import declared

    found = []
    for name, spec in declared(path).items():
        domain = DOMAIN.match(spec.help)
        found.append({"name": name, "type": spec.type or "any", "default": spec.default,
                      "domain": spec.describe() if (spec.allowed is not None or spec.bounds) else "any value of its type",
                      "help": spec.help[domain.end():].strip() if domain else spec.help.strip()})
    return found


def describe(paths: list[Path]) -> str:
    """`talentcheck params`: every parameter of each notebook, as lines a terminal shows."""
    lines = []
    for path in paths:
        lines.append(f"{path.name}")
        declared = parameters(path)
        if not declared:
            lines.append("  (no parameters)")
        for p in declared:
            lines.append(f"  {p['name']}: {p['type']} = {p['default']}  ({p['domain']})")
            if p["help"]:
                lines.append(f"      {p['help']}")
        lines.append("")
    lines.append("Set one with: talentcheck run NOTEBOOK -p NAME VALUE")
    return "\n".join(lines)
