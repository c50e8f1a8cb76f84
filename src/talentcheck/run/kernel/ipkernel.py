"""The project's kernel class: IPython's kernel, except that a cell that fails stops every cell sent behind it,
in JupyterLab as on the command line, and each cell it stops says so.

JupyterLab's Run All sends every cell's execute request at once, without waiting for replies, and they reach the
kernel through Lab's server a few milliseconds apart. After a failed cell ipykernel aborts only the requests that
have already arrived: since ipykernel 5.5 its `stop_on_error_timeout` defaults to 0 (ipykernel issue 609, PR
618), and ipykernel 7 does not read it at all where requests pass through its shell-channel thread (it posts its
"stop aborting" message at once). A request that arrives a moment later runs, on the variables of the previous
run: Lab then shows results that the parameters on screen did not produce.

Here every execute request that arrives within `stop_on_error_timeout` seconds of a failed cell (one sent with
`stop_on_error`, as Lab, papermill and nbclient send cells) is aborted too, and every aborted cell shows one line
naming the error that stopped the run, so the bottom of the page says why it is empty. papermill and nbclient
wait for each reply and stop at the first error anyway; nbval sends every cell with `stop_on_error` off, so no
cell of theirs starts the window. A cell sent after the window runs as usual.

The kernelspec names this class (`--IPKernelApp.kernel_class`), for warm and cold kernels alike (`launcher.spec`).
`_send_abort_reply` is ipykernel's own (unchanged since ipykernel 5); `tests/integration/test_run_all.py` holds
the behaviour against the installed version.
"""
from __future__ import annotations

import time

from ipykernel.ipkernel import IPythonKernel
from traitlets import Float


class Kernel(IPythonKernel):
    stop_on_error_timeout = Float(1.0, config=True, help="""Seconds after a failed cell during which every execute
        request that arrives is aborted: long enough for the rest of a Run All to arrive through Lab's server, short
        against the time a person takes to fix a cell and run it again.""")

    _stopped_until = 0.0
    _stopped_by = ""

    async def execute_request(self, stream, ident, parent):
        await super().execute_request(stream, ident, parent)
        content = parent.get("content") or {}
        result = self.shell.last_execution_result
        if (content.get("stop_on_error", True) and not content.get("silent") and result is not None
                and not result.success):
            error = result.error_in_exec or result.error_before_exec
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
            self._stopped_by = type(error).__name__ + (f": {first_line}" if first_line else "")
            self._stopped_until = time.monotonic() + self.stop_on_error_timeout

    def should_handle(self, stream, msg, idents):
        content = msg.get("content") or {}
        if (msg["header"]["msg_type"] == "execute_request" and not content.get("silent")
                and time.monotonic() < self._stopped_until):
            self._send_abort_reply(stream, msg, idents)
            return False
        return super().should_handle(stream, msg, idents)

    def _send_abort_reply(self, stream, msg, idents):
        """ipykernel's abort reply, after one line in the cell saying what stopped the run."""
        if self.session and self._stopped_by and msg["header"]["msg_type"] == "execute_request":
            self.session.send(self.iopub_socket, "stream", {"name": "stderr", "text": note(self._stopped_by)},
                              parent=msg, ident=self._topic("stream"))
        super()._send_abort_reply(stream, msg, idents)


def note(error: str) -> str:
    """What a cell that was not run shows."""
    return f"Not run: an error in a cell above stopped the run ({error}).\n"
