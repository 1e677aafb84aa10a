"""A process pool whose workers die with the process that started them.

``ProcessPoolExecutor`` workers block on their call queue; when the main process is killed with
``kill -9`` nothing closes that pipe in a way they notice, and they stay alive (about 200 MB each
with spaCy loaded). Every worker here runs :func:`die_with_parent` first: on Linux it asks the
kernel to send it SIGKILL when its parent exits (``prctl(PR_SET_PDEATHSIG)``), and on every
platform a daemon thread exits the worker within a second of its parent process going away.

:func:`run_chunks` maps a function over chunks of work with a bounded number in flight, in
completion order; with one worker it runs in the calling process. Page events of the read stage
(:mod:`declass.pipeline.ocr.progress`) reach ``on_progress`` in the calling process while a chunk
is still running: directly in-process, through a queue from pool workers (drained every
:data:`PROGRESS_SECONDS` while waiting for results), so a long scan advances the bar page by page.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from declass.pipeline.ocr import progress

T = TypeVar("T")
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCH_SECONDS = 1.0
PROGRESS_SECONDS = 0.25  # how often the main process drains page events while chunks run


def die_with_parent(parent_pid: int) -> None:
    """Worker initializer: end this process when ``parent_pid`` (the pool's owner) is gone."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no libc prctl: the watch thread below still applies
            pass
    if os.getppid() != parent_pid:  # the parent died before the request above took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent_pid,), name="declass-parent-watch", daemon=True).start()


def start_worker(parent_pid: int, events: Any = None) -> None:
    """Pool worker initializer: die with the parent, and send page events to ``events`` (a queue)."""
    die_with_parent(parent_pid)
    if events is not None:
        progress.install(lambda path, pages: events.put((path, pages)))


def _watch_parent(parent_pid: int) -> None:
    while True:
        time.sleep(WATCH_SECONDS)
        if os.getppid() != parent_pid:
            os._exit(1)


def run_chunks(
    func: Callable[..., list[T]],
    chunks: Iterable[Any],
    workers: int,
    *args: Any,
    on_error: Callable[[Any, BaseException], list[T]] | None = None,
    on_progress: progress.PageSink | None = None,
) -> Iterator[T]:
    """``func(chunk, *args)`` for every chunk, results flattened, at most ``2 * workers`` chunks in flight.

    When a worker fails on a chunk (it raised, or died: ``BrokenProcessPool``), ``on_error(chunk,
    exc)`` gives that chunk's results instead; without it the exception propagates.
    ``on_progress(path, pages)`` receives the read stage's page events as they happen.
    """
    todo = iter(chunks)
    if workers <= 1:
        with progress.reporting(on_progress):
            for chunk in todo:
                yield from func(chunk, *args)
        return
    events: Any = multiprocessing.get_context().Queue() if on_progress else None
    pool = ProcessPoolExecutor(max_workers=workers, initializer=start_worker, initargs=(os.getpid(), events))

    def drain() -> None:
        while events is not None and on_progress is not None:
            try:
                path, pages = events.get_nowait()
            except queue.Empty:
                return
            on_progress(path, pages)

    try:
        running: dict[Future[list[T]], Any] = {}
        failed: list[T] = []

        def top_up() -> None:
            for chunk in todo:
                try:
                    running[pool.submit(func, chunk, *args)] = chunk
                except BrokenProcessPool as exc:  # a worker died: no new work can start in this pool
                    if on_error is None:
                        raise
                    failed.extend(on_error(chunk, exc))
                    continue
                if len(running) >= workers * 2:
                    return

        top_up()
        while running or failed:
            yield from failed
            failed.clear()
            if not running:
                break
            done, _ = wait(running, timeout=PROGRESS_SECONDS if events is not None else None, return_when=FIRST_COMPLETED)
            drain()
            for fut in done:
                chunk = running.pop(fut)
                try:
                    results = fut.result()
                except Exception as exc:
                    if on_error is None:
                        raise
                    results = on_error(chunk, exc)
                yield from results
            top_up()
        drain()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        if events is not None:
            events.close()
            events.cancel_join_thread()  # the main process never waits on a queue workers may still hold
