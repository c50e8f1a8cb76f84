"""Kernel clients that count a kernel as ready as soon as it answers: for the runner (nbclient, asynchronous)
and for nbval (blocking). jupyter_client's own `wait_for_ready` ends by waiting until the kernel's broadcasts
(IOPub) have been silent for 0.2 s, a third of a warm kernel's start. nbclient and nbval read only the
messages that answer their own requests (by their parent's message id), so the status messages of the
start may stay unread. And the one way every client (the runner, nbval, JupyterLab's server) finds the project's
kernelspec: `KernelSpecs`, this environment's own."""
from __future__ import annotations

import os
import queue
import sys
import time

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_core.utils import ensure_async, run_sync
from traitlets import default


async def _wait_for_ready(self, timeout=None):
    """jupyter_client's `wait_for_ready` (ask for the kernel's info until it answers, then see one broadcast:
    its IOPub socket is connected), without the wait for silence after it."""
    deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
    while True:
        self.kernel_info()
        try:
            reply = await ensure_async(self.shell_channel.get_msg(timeout=1))
        except queue.Empty:
            reply = None
        if reply is not None and reply["msg_type"] == "kernel_info_reply":
            try:
                await ensure_async(self.iopub_channel.get_msg(timeout=0.2))
            except queue.Empty:
                pass
            else:
                self._handle_kernel_info_reply(reply)
                return
        if not await self._async_is_alive():
            raise RuntimeError("Kernel died before replying to kernel_info")
        if time.monotonic() > deadline:
            raise RuntimeError(f"Kernel didn't respond in {timeout:g} seconds")


class KernelSpecs(KernelSpecManager):
    """The kernelspecs of this environment alone (`<sys.prefix>/share/jupyter/kernels`): a `talentcheck` or a
    `python3` kernelspec found through JUPYTER_PATH or the user's home is never used. (`kernel_dirs` cannot be set
    from a configuration file; JupyterLab's server takes this class by name: `lab.SERVER`.)"""

    @default("kernel_dirs")
    def _kernel_dirs_default(self):
        return [os.path.join(sys.prefix, "share", "jupyter", "kernels")]


class ReadyClient(AsyncKernelClient):
    wait_for_ready = _wait_for_ready


class BlockingReadyClient(BlockingKernelClient):
    wait_for_ready = run_sync(_wait_for_ready)


def use_in_nbval() -> None:
    """Have nbval start its kernels with a `BlockingReadyClient` and the project's own kernelspec (nbval makes
    its KernelManager itself, by the name `nbval.kernel.KernelManager`, and takes no client class)."""
    import nbval.kernel
    from jupyter_client.manager import KernelManager

    class ReadyKernelManager(KernelManager):
        client_class = "talentcheck.run.kernel.clients.BlockingReadyClient"

        @default("kernel_spec_manager")
        def _kernel_spec_manager_default(self):
            return KernelSpecs()  # the project's kernelspec, never one found through JUPYTER_PATH

    nbval.kernel.KernelManager = ReadyKernelManager
