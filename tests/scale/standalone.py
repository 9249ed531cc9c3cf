"""A Spark standalone cluster on loopback, and ``sitrep spark`` submitted to it as
docs/spark.md tells a user: the environment packed with venv-pack, the gazetteer built once and
shipped as an archive, ``spark-submit --master spark://…``.

The cluster is pyspark's own: a master and workers started with its ``spark-class``. Every
process a daemon starts (a worker's executor, the executor's Python daemon and workers, which
pyspark puts in a process group of their own) inherits a marker in its environment
(``MARKER``), so that stopping the cluster, or killing a worker as a lost machine, ends
everything it started, and a test can check that nothing is left.

The guide builds the environment with ``pip install 'sitrep[spark]'``, which needs PyPI; here,
offline, the same packages are linked from the environment running this code (every
distribution ``sitrep[spark]`` requires, found from their metadata) and sitrep is copied in as a
wheel would install it (the checkout's pip cannot build sitrep's wheel offline: its setuptools
is older than pyproject.toml needs); the gazetteer starts from the one this machine has built,
which the environment's sitrep checks and rebuilds if its code differs. The rest is the
guide's commands. Used by
tests/scale/test_standalone.py and ``python -m bench.scale --cluster``.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from sitrep.resolve.gazetteer import CACHE_DIR_VARIABLE, GAZETTEER_VARIABLE, default_path
from sitrep.scale._job import LOCAL_JVM_OPTIONS as JVM_OPTIONS

# What the executors are told (docs/spark.md): the archives' names after '#', and where the
# gazetteer file is in its archive.
ENV_NAME = "env"
GAZETTEER_NAME = "gazetteer"
GAZETTEER_FILE = "gazetteer.sqlite3"
# Left out of the packed environment (docs/spark.md): executors run the cluster's own pyspark.
PYSPARK_EXCLUDE = "lib/python*/site-packages/pyspark/*"
START_TIMEOUT = 90.0
# Each executor and the driver copy the environment's archive (900 MB) into their temporary
# folder and unpack it (870 MB): in memory, where there is room, rather than on a disk that
# other work shares.
MEMORY_DISK = Path("/dev/shm")
MEMORY_DISK_NEEDED = 8 * 1024**3
# The archive is stored, not compressed: on one machine nothing crosses a network, and gzip's
# compression (level 1: 23 s to pack, 300 MB; the default level 4: longer) and decompression
# by the driver and each executor (5 s each) are what it costs. Level 0: 5 s to pack, 900 MB,
# 3 s to unpack (2026-12-06, 2 cores shared).
COMPRESS_LEVEL = 0
# A pack of another state of the code is removed once this many seconds old.
STALE_AFTER = 15 * 60
# Set in the environment of each daemon (to ``FOLDER/NAME``) and of spark-submit, and so
# inherited by every process below them, whatever process group it puts itself in (pyspark's
# daemon makes a group of its own for the Python workers): how the cluster's processes are
# found to kill a worker whole, and to check that nothing is left.
MARKER = "SITREP_SPARK_TEST_PROCESS"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def java_version() -> int:
    """The major version of the Java Spark's scripts run (``$JAVA_HOME/bin/java``, else the one
    on the path); 0 when there is none."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if java is None:
        return 0
    try:
        answer = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    except OSError:
        return 0
    # 'openjdk version "17.0.15" 2025-04-15', or '"1.8.0_392"' for Java 8
    found = re.search(r'version "(?:1\.)?(\d+)', answer.stderr)
    return int(found.group(1)) if found else 0


def spark_home() -> Path:
    """The Spark that pyspark installs (its jars and scripts): the cluster's Spark here."""
    import pyspark

    return Path(pyspark.__file__).parent


# --- the cluster --------------------------------------------------------------------------


@dataclass
class Daemon:
    """A master or worker JVM, leader of its own process group, its output in ``log``; every
    process it starts carries its ``marker``."""

    name: str
    process: subprocess.Popen[bytes]
    log: Path
    marker: str

    @property
    def group(self) -> int:
        return self.process.pid

    def tail(self, lines: int = 30) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


@dataclass
class Cluster:
    """A running master and its workers; ``url`` is what ``--master`` takes."""

    url: str
    ui: str
    folder: Path
    environ: dict[str, str]
    master: Daemon
    workers: list[Daemon] = field(default_factory=list)

    def daemons(self) -> list[Daemon]:
        return [self.master, *self.workers]

    def alive_workers(self) -> int:
        with urllib.request.urlopen(f"{self.ui}/json/", timeout=5) as answer:
            state = json.load(answer)
        return sum(worker["state"] == "ALIVE" for worker in state["workers"])

    @property
    def marker(self) -> str:
        """The marker prefix of every process of the cluster (and of spark-submit's)."""
        return f"{self.folder}/"

    def kill(self, worker: Daemon) -> None:
        """A lost machine: SIGKILL to the worker's JVM, its executor's JVM and the executor's
        Python daemon and workers, all at once."""
        end_marked(worker.marker, signal.SIGKILL)
        worker.process.wait()

    def stop(self) -> None:
        """Every daemon and what it started, ended (SIGTERM, then SIGKILL to what is left)."""
        for daemon in reversed(self.daemons()):
            _signal_group(daemon.group, signal.SIGTERM)
        for daemon in self.daemons():
            with suppress(subprocess.TimeoutExpired):
                daemon.process.wait(timeout=10)
        end_marked(self.marker, signal.SIGKILL)
        for daemon in self.daemons():
            _signal_group(daemon.group, signal.SIGKILL)
            daemon.process.wait()


@contextmanager
def standalone_cluster(
    folder: Path, *, workers: int = 2, cores: int = 1, memory: str = "1g"
) -> Iterator[Cluster]:
    """A master and ``workers`` workers of ``cores`` cores and ``memory`` each, on loopback
    ports chosen free; stopped on the way out, whatever happened."""
    folder.mkdir(parents=True, exist_ok=True)
    environ = cluster_environ(folder)
    port, ui = free_port(), free_port()
    master_class = "org.apache.spark.deploy.master.Master"
    arguments = [master_class, "--host", "127.0.0.1", "--port", str(port), "--webui-port", str(ui)]
    master = _start("master", arguments, folder, environ)
    cluster = Cluster(
        f"spark://127.0.0.1:{port}", f"http://127.0.0.1:{ui}", folder, environ, master
    )
    try:
        for number in range(1, workers + 1):
            work = folder / f"worker{number}"
            arguments = ["org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1"]
            arguments += ["--cores", str(cores), "--memory", memory, "--work-dir", str(work)]
            arguments += ["--webui-port", str(free_port()), cluster.url]
            cluster.workers.append(_start(f"worker{number}", arguments, folder, environ))
        _wait_for_workers(cluster, workers)
        yield cluster
    finally:
        cluster.stop()


@contextmanager
def scratch_folder() -> Iterator[Path]:
    """A folder for the cluster's work and scratch space, on the memory disk when it has room,
    removed on the way out."""
    roomy = MEMORY_DISK.is_dir() and shutil.disk_usage(MEMORY_DISK).free > MEMORY_DISK_NEEDED
    folder = Path(tempfile.mkdtemp(prefix="sitrep-cluster-", dir=MEMORY_DISK if roomy else None))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def cluster_environ(folder: Path) -> dict[str, str]:
    """The environment of the daemons and of spark-submit: loopback only, an empty
    configuration folder (none of this machine's Spark settings), scratch space and temporary
    files in ``folder`` (an executor copies the archives into a temporary folder that only its
    JVM's exit removes: a killed one would leave 900 MB in /tmp)."""
    conf = folder / "conf"
    local = folder / "local"
    temporary = folder / "tmp"
    for made in (conf, local, temporary):
        made.mkdir(parents=True, exist_ok=True)
    environ = {key: value for key, value in os.environ.items() if not key.startswith("PYSPARK_")}
    environ.update(
        SPARK_HOME=str(spark_home()),
        SPARK_CONF_DIR=str(conf),
        SPARK_LOCAL_IP="127.0.0.1",
        SPARK_LOCAL_DIRS=str(local),
        SPARK_LOG_DIR=str(folder),
        SPARK_WORKER_DIR=str(folder),
        SPARK_DAEMON_MEMORY="512m",
        # The master and workers only pass messages: their JVMs' optimising compiler and
        # parallel garbage collector would take CPU from the work on a small machine.
        SPARK_DAEMON_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
        TMPDIR=str(temporary),
        # Every JVM below, executors included (a node's setting, not the job's).
        JAVA_TOOL_OPTIONS=" ".join(
            [os.environ.get("JAVA_TOOL_OPTIONS", ""), f"-Djava.io.tmpdir={temporary}"]
        ).strip(),
    )
    environ[MARKER] = f"{folder}/submit"
    return environ


def _start(name: str, arguments: list[str], folder: Path, environ: dict[str, str]) -> Daemon:
    log = folder / f"{name}.log"
    marker = f"{folder}/{name}"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(spark_home() / "bin" / "spark-class"), *arguments],
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**environ, MARKER: marker},
            start_new_session=True,
        )
    return Daemon(name, process, log, marker)


def _wait_for_workers(cluster: Cluster, count: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        for daemon in cluster.daemons():
            if daemon.process.poll() is not None:
                raise RuntimeError(f"the Spark {daemon.name} ended at start:\n{daemon.tail()}")
        with suppress(OSError, ValueError):
            if cluster.alive_workers() == count:
                return
        time.sleep(0.5)
    raise RuntimeError(f"{count} workers did not register in {START_TIMEOUT:.0f} s")


def _signal_group(group: int, signum: int) -> None:
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signum)


def marked(prefix: str) -> list[int]:
    """The live processes whose environment has ``MARKER`` set to a value starting with
    ``prefix`` (a zombie's environment reads empty: it has ended)."""
    wanted = f"{MARKER}={prefix}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with suppress(OSError):
                variables = (entry / "environ").read_bytes().split(b"\0")
                if any(variable.startswith(wanted) for variable in variables):
                    found.append(int(entry.name))
    return found


def end_marked(prefix: str, signum: int, timeout: float = 15.0) -> list[int]:
    """Send ``signum`` to every process ``marked`` with ``prefix`` until none is left (one may
    start another meanwhile), for up to ``timeout`` seconds; those still alive then."""
    deadline = time.monotonic() + timeout
    while (alive := marked(prefix)) and time.monotonic() < deadline:
        for pid in alive:
            with suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signum)
        time.sleep(0.1)
    return alive


# --- the environment and the gazetteer, packed as the guide packs them ---------------------


@dataclass(frozen=True)
class Shipment:
    """What the guide has a user build once: the environment (``python`` runs the driver) and
    the archives given to ``--archives``."""

    python: Path
    environment: Path
    gazetteer: Path

    def archives(self) -> str:
        return f"{self.environment}#{ENV_NAME},{self.gazetteer}#{GAZETTEER_NAME}"


def shipment(cache: Path) -> Shipment:
    """The environment and the gazetteer, packed into ``cache`` once for each state of the
    installed packages and of sitrep's code (older packs there are removed)."""
    key = _pack_key()
    folder = cache / key
    ready = Shipment(
        folder / "sitrep-env" / "bin" / "python",
        folder / "sitrep-env.tar.gz",
        folder / "gazetteer.tar.gz",
    )
    if not ready.gazetteer.exists():
        _remove_stale(cache)
        building = cache / f".{key}.{os.getpid()}"
        shutil.rmtree(building, ignore_errors=True)
        _pack(building)
        try:
            building.rename(folder)
        except OSError:  # another run packed the same meanwhile
            shutil.rmtree(building, ignore_errors=True)
    return ready


def _remove_stale(cache: Path) -> None:
    """Packs of another state of the code, but not those another run may be using now."""
    if cache.exists():
        for stale in cache.iterdir():
            if time.time() - stale.stat().st_mtime > STALE_AFTER:
                shutil.rmtree(stale, ignore_errors=True)


def _pack(folder: Path) -> None:
    env = folder / "sitrep-env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    site = Path(
        sysconfig.get_path("purelib", vars={"base": str(env), "platbase": str(env)})
    ).resolve()
    _link_distributions(site)
    _install_sitrep(site)
    venv_pack = Path(sys.executable).parent / "venv-pack"
    archive = folder / "sitrep-env.tar.gz"
    options = ["--exclude", PYSPARK_EXCLUDE, "--compress-level", str(COMPRESS_LEVEL), "--quiet"]
    subprocess.run(
        [str(venv_pack), "--prefix", str(env), "--output", str(archive), *options], check=True
    )
    gazetteer = folder / GAZETTEER_NAME
    gazetteer.mkdir()
    built = default_path()
    if built.is_file():  # a head start: the environment's sitrep checks it, rebuilds it if stale
        shutil.copyfile(built, gazetteer / GAZETTEER_FILE)
    environ = {key: value for key, value in os.environ.items() if key != GAZETTEER_VARIABLE}
    environ[CACHE_DIR_VARIABLE] = str(gazetteer)
    opened = "from sitrep.resolve.gazetteer import open_gazetteer; open_gazetteer()"
    subprocess.run([str(env / "bin" / "python"), "-c", opened], env=environ, check=True)
    subprocess.run(
        ["tar", "czf", str(folder / "gazetteer.tar.gz"), "-C", str(gazetteer), GAZETTEER_FILE],
        check=True,
    )
    shutil.rmtree(gazetteer)


def _requirements() -> dict[str, importlib.metadata.Distribution]:
    """Every installed distribution ``sitrep[spark]`` needs, sitrep itself included."""
    found: dict[str, importlib.metadata.Distribution] = {}
    wanted = [Requirement("sitrep[spark]")]
    while wanted:
        requirement = wanted.pop()
        name = canonicalize_name(requirement.name)
        if name in found:
            continue
        distribution = importlib.metadata.distribution(requirement.name)
        found[name] = distribution
        for line in distribution.requires or []:
            needed = Requirement(line)
            extras = requirement.extras or {""}
            if needed.marker is None or any(needed.marker.evaluate({"extra": e}) for e in extras):
                wanted.append(needed)
    return found


def _link_distributions(site: Path) -> None:
    """Each required distribution's files under site-packages, hard-linked (copied across
    file systems) into ``site``; scripts are left out (the executors run none)."""
    here = Path(sysconfig.get_path("purelib")).resolve()
    for name, distribution in _requirements().items():
        if name == "sitrep":
            continue
        for file in distribution.files or []:
            source = Path(os.path.normpath(Path(str(distribution.locate_file(file))).absolute()))
            if not source.is_relative_to(here) or not source.is_file():
                continue
            target = site / source.relative_to(here)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, target)
            except OSError:
                shutil.copy2(source, target)


def _install_sitrep(site: Path) -> None:
    """sitrep's package and metadata, as its wheel installs them (not as the editable install
    of a checkout, which points back at the checkout)."""
    import sitrep

    package = Path(sitrep.__file__).parent
    shutil.copytree(package, site / "sitrep", ignore=shutil.ignore_patterns("__pycache__"))
    distribution = importlib.metadata.distribution("sitrep")
    info = site / f"sitrep-{distribution.version}.dist-info"
    info.mkdir()
    for name in ("METADATA", "entry_points.txt", "top_level.txt"):
        text = distribution.read_text(name)
        if text is not None:
            (info / name).write_text(text, encoding="utf-8")


def _pack_key() -> str:
    """A digest of what the packs are made of: the required distributions' versions, sitrep's
    files and this module."""
    digest = hashlib.sha256(sys.version.encode())
    for name, distribution in sorted(_requirements().items()):
        digest.update(f"{name}=={distribution.version}\n".encode())
    import sitrep

    package = Path(sitrep.__file__).parent
    for path in sorted([*package.rglob("*"), Path(__file__)]):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(path.anchor)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# --- submitting ---------------------------------------------------------------------------


def job_script(python: Path) -> str:
    """``sitrep/scale/job.py`` of the environment, found as the guide finds it."""
    command = [str(python), "-c", "import sitrep.scale.job as j; print(j.__file__)"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def submit_command(
    cluster: Cluster,
    shipped: Shipment,
    arguments: Sequence[str],
    conf: Sequence[str] = (),
) -> tuple[list[str], dict[str, str]]:
    """The guide's ``spark-submit`` command for the job with ``arguments`` (``sitrep spark``'s),
    and its environment. ``conf``: more ``KEY=VALUE`` Spark settings."""
    environ = dict(cluster.environ)
    environ["PYSPARK_DRIVER_PYTHON"] = str(shipped.python)
    environ["PYSPARK_PYTHON"] = f"./{ENV_NAME}/bin/python"
    settings = [
        f"spark.executorEnv.SITREP_GAZETTEER=./{GAZETTEER_NAME}/{GAZETTEER_FILE}",
        f"spark.executor.extraJavaOptions={JVM_OPTIONS}",
        "spark.ui.enabled=false",
        *conf,
    ]
    command = [
        str(spark_home() / "bin" / "spark-submit"),
        *("--master", cluster.url, "--archives", shipped.archives()),
        *("--driver-java-options", JVM_OPTIONS),
        *(argument for setting in settings for argument in ("--conf", setting)),
        job_script(shipped.python),
        *arguments,
    ]
    return command, environ


def is_python_worker(pid: int) -> bool:
    """Whether the process is one of Spark's Python workers (forked from ``pyspark.daemon``,
    whose command line they keep)."""
    with suppress(OSError):
        return b"pyspark.daemon" in Path(f"/proc/{pid}/cmdline").read_bytes()
    return False


def has_open(pid: int, name: str) -> bool:
    """Whether the process holds a file called ``name`` open."""
    with suppress(OSError):
        for descriptor in Path(f"/proc/{pid}/fd").iterdir():
            with suppress(OSError):
                if descriptor.readlink().name == name:
                    return True
    return False
