"""Python as macOS gives it, for the kernel path: Linux's `os.pidfd_open` and Unix's `socket.send_fds` and
`socket.recv_fds` removed. `PYTHONPATH=tests/portable COMMAND` runs any command this way (CI runs the
suite so); `talentcheck.run.kernel.launcher.warm_possible()` is then False and every kernel starts cold."""
import os
import socket

for module, name in ((os, "pidfd_open"), (socket, "send_fds"), (socket, "recv_fds")):
    if hasattr(module, name):
        delattr(module, name)
