"""Kernel clients that count a kernel as ready as soon as it answers: for the runner (nbclient, asynchronous)
and for nbval (blocking). jupyter_client's own `wait_for_ready` ends by waiting until the kernel's broadcasts
(IOPub) have been silent for 0.2 s, a third of a warm kernel's start. nbclient and nbval read only the
messages that answer their own requests (by their parent's message id), so the status messages of the
start may stay unread."""
from __future__ import annotations

import queue
import time

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.blocking import BlockingKernelClient
from jupyter_core.utils import ensure_async, run_sync


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


class ReadyClient(AsyncKernelClient):
    wait_for_ready = _wait_for_ready


class BlockingReadyClient(BlockingKernelClient):
    wait_for_ready = run_sync(_wait_for_ready)


def use_in_nbval() -> None:
    """Have nbval start its kernels with a `BlockingReadyClient` and the project's own kernelspec (nbval makes
    its KernelManager itself, by the name `nbval.kernel.KernelManager`, and takes no client class)."""
    import nbval.kernel
    from jupyter_client.manager import KernelManager
    from traitlets import default

    from talentcheck.run.kernel import launcher

    class ReadyKernelManager(KernelManager):
        client_class = "talentcheck.run.kernel.clients.BlockingReadyClient"

        @default("kernel_spec_manager")
        def _kernel_spec_manager_default(self):
            return launcher.spec_manager()  # the project's kernelspec, never one found through JUPYTER_PATH

    nbval.kernel.KernelManager = ReadyKernelManager
