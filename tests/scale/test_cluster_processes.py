"""How the standalone cluster's processes are found and ended (``standalone.py``), without
Spark: a process that leaves its parent's process group, as pyspark's daemon does, is still
found by the marker it inherited, and ended."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.scale.standalone import MARKER, end_marked, marked

# A child that puts itself in a process group of its own, then starts a grandchild.
ESCAPING = (
    "import os, subprocess, sys, time; os.setpgid(0, 0); "
    "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); time.sleep(60)"
)


def test_cluster_processes_found_and_ended_whatever_their_process_group(tmp_path: Path) -> None:
    marker = f"{tmp_path}/worker1"
    child = subprocess.Popen([sys.executable, "-c", ESCAPING], env={**os.environ, MARKER: marker})
    try:
        deadline = time.monotonic() + 10
        while len(marked(marker)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(marked(marker)) == 2
        assert marked(f"{tmp_path}/worker2") == []
        assert end_marked(f"{tmp_path}/", signal.SIGKILL) == []
        child.wait(timeout=5)
        assert marked(marker) == []
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
