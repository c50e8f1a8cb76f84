"""The suite's errors. Each is bad input or a missing project, and its message is the one line a user
sees (the CLI prints it and exits 2); catching `TalentcheckError` catches them all."""


class TalentcheckError(Exception):
    """Base of every error the suite raises on purpose; its message names the file, row, column or parameter."""


class ProjectNotFound(TalentcheckError):
    """No talentcheck project above the current directory and no TALENTCHECK_ROOT."""


class DataError(TalentcheckError, ValueError):
    """Invalid input data; the message names the file, row and column."""


class FetchError(DataError):
    """A file could not be fetched, or what arrived is not the file the project pins."""


class ParameterError(TalentcheckError, ValueError):
    """A parameter outside its declared domain, or one whose value the data cannot answer; the message
    names it. In a notebook IPython shows only this one line, not a traceback (`_render_traceback_`)."""

    def _render_traceback_(self):
        return [f"ParameterError: {self}"]


class RunError(TalentcheckError, ValueError):
    """Bad input to a run (unknown notebook or parameter, a value of the wrong type, an unsafe output)."""


def shorten(value, most: int = 40) -> str:
    """`repr(value)`, cut to its first `most` characters with the length said, so that a megabyte given by mistake
    is not echoed back in full."""
    text = repr(value)
    if len(text) <= most:
        return text
    size = f"{len(value):,} characters" if isinstance(value, str) else f"{len(text):,} characters written out"
    return f"{text[:most]}... ({size})"
