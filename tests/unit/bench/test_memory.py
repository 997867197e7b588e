"""Peak memory of the gunicorn workers: read from /proc (a fake one here)."""

from bench import memory

STATUS = """Name:\tgunicorn
Umask:\t0022
State:\tS (sleeping)
Pid:\t4242
PPid:\t4200
VmPeak:\t  612345 kB
VmSize:\t  600000 kB
VmHWM:\t  183456 kB
VmRSS:\t  170112 kB
Threads:\t1
"""


def _fake_proc(tmp_path, processes):
    """processes: pid -> (parent pid, VmHWM kB or None for a process without memory lines)."""
    for pid, (ppid, hwm) in processes.items():
        folder = tmp_path / str(pid)
        folder.mkdir()
        (folder / "stat").write_text(f"{pid} (python3 -m gunicorn) S {ppid} {pid} {pid} 0 -1\n")
        (folder / "status").write_text(f"Name:\tpython\nPPid:\t{ppid}\n" + (f"VmHWM:\t{hwm} kB\n" if hwm else ""))
    (tmp_path / "self").mkdir()  # not a pid: skipped
    return tmp_path


def test_the_memory_lines_of_proc_status_are_read_in_kilobytes():
    fields = memory.status_fields(STATUS)

    assert fields["VmHWM"] == 183456
    assert fields["VmRSS"] == 170112
    assert "Threads" not in fields and "Name" not in fields


def test_the_parent_pid_is_read_after_the_command_name_even_when_it_holds_spaces_and_parentheses():
    assert memory.parent_pid("4242 (gunicorn: worker (shop)) S 4200 4242 4242 0 -1 4194560") == 4200
    assert memory.parent_pid("garbage") is None


def test_the_workers_of_a_gunicorn_master_are_its_children(tmp_path):
    proc = _fake_proc(tmp_path, {100: (1, 50_000), 101: (100, 180_000), 102: (100, 175_000), 200: (1, 9_000)})

    assert memory.children(100, proc=proc) == [101, 102]
    assert memory.peak_kb(101, proc=proc) == 180_000
    assert memory.peak_kb(999, proc=proc) is None  # exited


def test_the_highest_peak_of_each_worker_is_kept_even_after_it_exits():
    peaks = memory.peaks_merge({101: 180_000, 102: 150_000}, {101: None, 102: 175_000, 103: 90_000})

    assert peaks == {101: 180_000, 102: 175_000, 103: 90_000}


def test_the_summary_gives_each_worker_in_megabytes_and_the_largest():
    summary = memory.summary({"shop": {101: 183_456, 102: 102_400}, "ceiling": {}})

    assert summary["shop"] == {"workers": {"101": 179.2, "102": 100.0}, "peak_mb": 179.2}
    assert summary["ceiling"] == {"workers": {}, "peak_mb": None}


def test_the_watch_reads_every_worker_of_every_target_until_it_stops(tmp_path):
    proc = _fake_proc(tmp_path, {100: (1, 50_000), 101: (100, 180_000), 300: (1, 40_000), 301: (300, 36_000)})

    with memory.WorkerMemoryWatch({"shop": 100, "ceiling": 300}, interval=60, proc=proc) as watch:
        (proc / "101" / "status").write_text("VmHWM:\t200000 kB\n")  # it grew meanwhile

    assert watch.summary()["shop"]["workers"] == {"101": 195.3}
    assert watch.summary()["ceiling"]["peak_mb"] == 35.2
