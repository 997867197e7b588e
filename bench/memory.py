"""Peak memory of the gunicorn workers under test (issue #18).

Linux keeps each process's peak resident set size in /proc/<pid>/status
(``VmHWM``, "high water mark"), so no fine-grained sampling is needed to
catch a short spike: reading it once before the process exits is enough.
The watcher below reads it every second anyway, for every worker of every
target (the children of each gunicorn master), so a worker that is replaced
during the run (killed after a timeout, say) keeps its figure.

RSS also counts the pages a worker still shares with its master after the
fork (the interpreter and gunicorn; the bench does not --preload, so each
worker imports Django and the shop itself), so the sum over workers
slightly overstates what the machine spends; the figure answers "how big
does one worker get", which is what sizes a server.
"""

from __future__ import annotations

import threading
from pathlib import Path

PROC = Path("/proc")


def status_fields(text: str) -> dict[str, int]:
    """The memory lines of a /proc/<pid>/status text, in kB:
    ``{"VmHWM": 183456, "VmRSS": 170112, ...}``. Other lines are skipped."""
    fields = {}
    for line in text.splitlines():
        name, _, value = line.partition(":")
        parts = value.split()
        if name.startswith("Vm") and len(parts) == 2 and parts[1] == "kB" and parts[0].isdigit():
            fields[name] = int(parts[0])
    return fields


def parent_pid(stat_text: str) -> int | None:
    """The parent pid from a /proc/<pid>/stat line. The command name (field
    2) is in parentheses and may itself hold spaces or parentheses, so the
    fields are counted from the last ')'."""
    _, close, rest = stat_text.rpartition(")")
    fields = rest.split()
    if not close or len(fields) < 2 or not fields[1].isdigit():
        return None
    return int(fields[1])


def children(pid: int, *, proc: Path = PROC) -> list[int]:
    """The pids whose parent is ``pid`` (a gunicorn master's workers)."""
    found = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if parent_pid((entry / "stat").read_text()) == pid:
                found.append(int(entry.name))
        except OSError:  # exited meanwhile
            continue
    return sorted(found)


def peak_kb(pid: int, *, proc: Path = PROC) -> int | None:
    """The process's peak RSS so far in kB (VmHWM), None once it has exited."""
    try:
        return status_fields((proc / str(pid) / "status").read_text()).get("VmHWM")
    except OSError:
        return None


def peaks_merge(peaks: dict[int, int], readings: dict[int, int | None]) -> dict[int, int]:
    """Keep the highest figure seen for each pid (VmHWM only grows, but a
    reading of an exited worker is None and must not erase its last one)."""
    merged = dict(peaks)
    for pid, kb in readings.items():
        if kb is not None and kb > merged.get(pid, 0):
            merged[pid] = kb
    return merged


def summary(peaks_by_target: dict[str, dict[int, int]]) -> dict[str, dict]:
    """Per target: each worker's peak RSS in MB and the largest of them."""
    out = {}
    for target, peaks in peaks_by_target.items():
        workers = {str(pid): round(kb / 1024, 1) for pid, kb in sorted(peaks.items())}
        out[target] = {"workers": workers, "peak_mb": max(workers.values()) if workers else None}
    return out


class WorkerMemoryWatch:
    """Reads the peak RSS of every worker of the given gunicorn masters
    every ``interval`` seconds on a daemon thread, until stopped.

        with WorkerMemoryWatch({"shop": master_pid, ...}) as watch:
            ...
        watch.summary()
    """

    def __init__(self, masters: dict[str, int], *, interval: float = 1.0, proc: Path = PROC) -> None:
        self.masters = dict(masters)
        self.interval = interval
        self.proc = proc
        self.peaks: dict[str, dict[int, int]] = {name: {} for name in masters}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="worker-memory", daemon=True)

    def sample(self) -> None:
        for name, master in self.masters.items():
            readings = {pid: peak_kb(pid, proc=self.proc) for pid in children(master, proc=self.proc)}
            self.peaks[name] = peaks_merge(self.peaks[name], readings)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.sample()
            except OSError:
                continue

    def __enter__(self) -> WorkerMemoryWatch:
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        # The last reading, while the workers still run (before the servers stop).
        self.sample()

    def summary(self) -> dict[str, dict]:
        return summary(self.peaks)
