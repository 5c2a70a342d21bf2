from __future__ import annotations

import functools
import multiprocessing
import os
import time
from pathlib import Path

import pytest

from pipeline.errors import PipelineError
from pipeline.workers import imap, in_background, processes_for, task_chars


def running_children() -> list[int]:
    """Child processes that still run (not ended, not waiting to be reaped), after at most a second."""
    for _ in range(20):
        pids = [c.pid for c in multiprocessing.active_children() if c.pid is not None]
        running = [pid for pid in pids if _state(pid) not in ("", "Z", "X")]
        if not running:
            return []
        time.sleep(0.05)
    return running


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return ""


def square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_one_process_is_a_plain_map() -> None:
    assert [r for r, _ in imap(square_and_pid, range(5), 1)] == [0, 1, 4, 9, 16]
    assert {pid for _, pid in imap(square_and_pid, range(5), 1)} == {os.getpid()}


def test_workers_run_in_other_processes_and_results_keep_task_order() -> None:
    results = list(imap(square_and_pid, range(50), 2))
    assert [r for r, _ in results] == [n * n for n in range(50)]
    assert os.getpid() not in {pid for _, pid in results}
    assert not running_children()


def plus(offset: int, n: int) -> int:
    return n + offset


def test_the_work_is_a_picklable_function_with_its_arguments() -> None:
    assert list(imap(functools.partial(plus, 10), range(4), 2)) == [10, 11, 12, 13]
    with pytest.raises(AttributeError, match="pickle"):
        list(imap(lambda n: n, range(4), 2))
    assert not running_children()


def die_at_3(n: int) -> int:
    if n == 3:
        os._exit(9)
    return n


def test_a_worker_that_dies_is_an_error_not_a_hang() -> None:
    with pytest.raises(PipelineError, match="worker process died"):
        list(imap(die_at_3, range(10), 2))
    assert not running_children()


def test_stopping_early_ends_the_workers() -> None:
    results = imap(square_and_pid, range(1000), 2)
    assert next(results)[0] == 0
    results.close()
    assert not running_children()


def fail(n: int) -> int:
    raise ValueError(f"bad {n}")


def test_an_error_in_the_work_reaches_the_caller() -> None:
    with pytest.raises(ValueError, match="bad 0"):
        list(imap(fail, range(3), 2))


def test_processes_and_task_sizes() -> None:
    cores = min(len(os.sched_getaffinity(0)), 4)
    assert processes_for(10, requested=0, threshold=100) == 1
    assert processes_for(100, requested=0, threshold=100) == cores
    assert processes_for(10, requested=3, threshold=100) == 3
    assert task_chars(1_000_000, 1, 100_000) == 100_000
    assert task_chars(1_200_000, 2, 100_000) == 100_000
    assert task_chars(240_000, 2, 100_000) == 20_000
    assert task_chars(1_000, 2, 100_000) == 8_000


def pid_plus(n: int) -> tuple[int, int]:
    return os.getpid(), n + 1


def refuse(message: str) -> None:
    raise PipelineError(message)


def test_in_background_runs_elsewhere_and_gives_the_result() -> None:
    with in_background(pid_plus, 41) as result:
        pid, value = result()
    assert (value, pid != os.getpid()) == (42, True)
    assert not running_children()


def test_in_background_raises_the_functions_error_here() -> None:
    with (
        pytest.raises(PipelineError, match="no such input"),
        in_background(refuse, "no such input") as result,
    ):
        result()
    assert not running_children()


def test_leaving_in_background_early_ends_the_process() -> None:
    with pytest.raises(KeyboardInterrupt), in_background(time.sleep, 30):
        raise KeyboardInterrupt
    assert not running_children()


def test_workers_end_when_their_parent_is_killed_outright(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    script = "import time\nfrom pipeline.workers import imap\nlist(imap(time.sleep, [30] * 4, 2))\n"
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).parents[1])
    try:
        children: list[int] = []
        for _ in range(100):  # wait for both workers to start
            time.sleep(0.05)
            found = Path(f"/proc/{parent.pid}/task/{parent.pid}/children")
            children = [int(pid) for pid in found.read_text().split()] if found.exists() else []
            if len(children) == 2:
                break
        assert len(children) == 2
        time.sleep(0.3)  # past the workers' start-up
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        for _ in range(40):
            if all(_state(pid) in ("", "Z", "X") for pid in children):
                break
            time.sleep(0.05)
        assert all(_state(pid) in ("", "Z", "X") for pid in children)
    finally:
        parent.kill()
