"""Run untrusted work (a deck's chart scripts) in child processes the build can always stop.

Each call runs in a child forked from this process (so what the parent imported, matplotlib, is there at once), in
a session of its own: when the call ends, or runs past its time, the child and every process it started are
killed together; on Linux the build is the subreaper of what they start, so even a process that left the session
(a daemon: fork, setsid, fork) comes back to the build when its parent ends, and is killed. A timer and crash handler inside the child (faulthandler, which needs no Python code to run, so
it works in a loop inside C) writes the script's stack when time runs out or the child crashes, for the line in the
message. Whatever the child does (loops in C, exits, segfaults, runs out of memory), the parent gets an Outcome.
"""

from __future__ import annotations

import errno
import faulthandler
import os
import pickle
import selectors
import signal
import sys
import time
import traceback
from dataclasses import dataclass
from typing import Callable

GRACE = 5.0  # seconds past the time limit before the child is killed from outside (its own timer comes first)
CHUNK = 1 << 16
_EXIT = os._exit  # kept: the code a child runs may replace os._exit
_RESULT_FD: int | None = None  # in a child: where its result goes


@dataclass
class Outcome:
    """How a call in a child ended: its pickled `value`, or how the child died (`status` from waitpid, `stack`:
    the child's Python stack when it crashed or timed out, as faulthandler wrote it; `timed_out`)."""

    value: object = None
    ok: bool = False
    status: int = 0
    stack: str = ""
    timed_out: bool = False

    def how(self) -> str:
        """How the child ended, in words: `killed by signal SIGSEGV (Segmentation fault)`, `exit status 3`."""
        if os.WIFSIGNALED(self.status):
            number = os.WTERMSIG(self.status)
            try:
                name = signal.Signals(number).name
            except ValueError:
                name = f"signal {number}"
            return f"killed by signal {name} ({signal.strsignal(number) or 'unknown'})"
        return f"exit status {os.WEXITSTATUS(self.status) if os.WIFEXITED(self.status) else self.status}"


class ChildCrash(Exception):
    """Our own code failed inside a child (not the script): a bug, carrying the child's traceback."""

    def __init__(self, message: str, text: str, doing: str):
        super().__init__(message)
        self.lecturedeck_detail = text
        self.lecturedeck_step = doing or None


def memory_limit() -> int:
    """Bytes of memory a child may take: half the machine's, at most 4 GiB (so a runaway script fails alone)."""
    try:
        physical = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        physical = 4 << 30
    return min(physical // 2, 4 << 30)


def memory_text() -> str:
    """The memory limit in words, for messages."""
    return f"{memory_limit() / (1 << 30):.1f} GiB"


def available() -> bool:
    """Children can be forked here (Linux, macOS); elsewhere calls run in this process without a time limit."""
    return hasattr(os, "fork") and hasattr(os, "setsid") and hasattr(os, "killpg")


def run_all(calls: list[tuple[Callable, tuple, float]], workers: int,
            on_done: Callable[[int, Outcome], None] | None = None) -> list[Outcome]:
    """Run each (function, args, seconds) in its own child, at most `workers` at once; on_done(index, outcome) as
    each ends. A child still running after `seconds` is stopped (Outcome.timed_out)."""
    outcomes: dict[int, Outcome] = {}
    waiting = list(range(len(calls)))
    running: dict[int, _Child] = {}
    selector = selectors.DefaultSelector()
    reaper = _Reaper()
    try:
        while waiting or running:
            while waiting and len(running) < max(1, workers):
                index = waiting.pop(0)
                function, args, seconds = calls[index]
                running[index] = _Child.start(function, args, seconds, selector)
            now = time.monotonic()
            soonest = min(child.deadline for child in running.values())
            poll = None if all(child.pidfd is not None for child in running.values()) else 0.02
            wait = max(0.0, soonest - now)
            for key, _mask in selector.select(wait if poll is None else min(wait, poll)):
                key.data(key.fileobj)
            for index, child in list(running.items()):
                if child.exited() or child.overdue():
                    outcomes[index] = outcome = child.finish(selector)
                    del running[index]
                    reaper.sweep(keep={child.pid for child in running.values()})
                    if on_done:
                        on_done(index, outcome)
    finally:
        for child in running.values():
            child.kill()
            child.close(selector)
        selector.close()
        reaper.close()
    return [outcomes[index] for index in range(len(calls))]


class _Reaper:
    """While charts run, this process adopts (Linux: PR_SET_CHILD_SUBREAPER) every orphan its children leave, so a
    process a script started and detached from its session still ends with the build; elsewhere it does nothing."""

    _SET, _GET = 36, 37  # PR_SET_CHILD_SUBREAPER, PR_GET_CHILD_SUBREAPER

    def __init__(self):
        self.prctl = None
        self.known: set[int] = set()
        if not sys.platform.startswith("linux"):
            return
        try:
            import ctypes

            prctl = ctypes.CDLL(None, use_errno=True).prctl
            previous = ctypes.c_int(0)
            if prctl(self._GET, ctypes.byref(previous), 0, 0, 0) != 0 or prctl(self._SET, 1, 0, 0, 0) != 0:
                return
        except (OSError, AttributeError):
            return
        self.prctl, self.previous = prctl, previous.value
        self.known = _children()  # children the build had before (worker processes): never ours to kill

    def sweep(self, keep: set[int] = frozenset()) -> None:  # type: ignore[assignment]
        """Kill and reap every process adopted since the start, except `keep` (the children still drawing)."""
        if self.prctl is None:
            return
        for _round in range(1000):  # each killed process hands its own children to us; a fork bomb ends too
            adopted = _children() - self.known - keep
            if not adopted:
                return
            for pid in adopted:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            for pid in adopted:
                try:
                    os.waitpid(pid, 0)
                except ChildProcessError:
                    pass

    def close(self) -> None:
        """Kill what is left and stop adopting."""
        if self.prctl is not None:
            self.sweep()
            self.prctl(self._SET, self.previous, 0, 0, 0)
            self.prctl = None


def _children() -> set[int]:
    """The pids whose parent is this process (from /proc)."""
    me, found = os.getpid(), set[int]()
    try:
        names = os.listdir("/proc")
    except OSError:
        return found
    for name in names:
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as stat:
                    fields = stat.read().rsplit(b")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if len(fields) > 1 and int(fields[1]) == me:
                found.add(int(name))
    return found


class _Child:
    """One forked child: its pid, the pipes it writes its result and its crash stack to, its deadline."""

    def __init__(self, pid: int, result_fd: int, stack_fd: int, deadline: float, selector):
        self.pid, self.deadline = pid, deadline
        self.result, self.stack = bytearray(), bytearray()
        self.fds = {result_fd: self.result, stack_fd: self.stack}
        self.timed_out = False
        self.pidfd = None
        try:
            self.pidfd = os.pidfd_open(pid)
        except (AttributeError, OSError):
            pass
        for fd in self.fds:
            os.set_blocking(fd, False)
            selector.register(fd, selectors.EVENT_READ, self._read)
        if self.pidfd is not None:
            selector.register(self.pidfd, selectors.EVENT_READ, lambda _fd: None)

    @classmethod
    def start(cls, function: Callable, args: tuple, seconds: float, selector) -> "_Child":
        result_r, result_w = os.pipe()
        stack_r, stack_w = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(result_r)
            os.close(stack_r)
            _child(function, args, seconds, result_w, stack_w)
        os.close(result_w)
        os.close(stack_w)
        return cls(pid, result_r, stack_r, time.monotonic() + seconds + GRACE, selector)

    def _read(self, fd: int) -> None:
        try:
            while True:
                chunk = os.read(fd, CHUNK)
                if not chunk:
                    break
                self.fds[fd].extend(chunk)
        except BlockingIOError:
            pass

    def exited(self) -> bool:
        """The child has ended (it stays a zombie until finish(), so its process group cannot be reused)."""
        try:
            return os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
        except ChildProcessError:
            return True

    def overdue(self) -> bool:
        """Still running past its time and its own timer: killed from outside."""
        if time.monotonic() < self.deadline:
            return False
        self.timed_out = True
        self.kill()
        return True

    def kill(self) -> None:
        """Kill the child and every process in its session."""
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def finish(self, selector) -> Outcome:
        """Kill what the child left running, reap it, read the rest of its pipes, and say how it ended."""
        self.kill()
        _pid, status = os.waitpid(self.pid, 0)
        for fd in self.fds:
            self._read(fd)
        self.close(selector)
        stack = self.stack.decode("utf-8", "replace")
        outcome = Outcome(status=status, stack=stack, timed_out=self.timed_out or stack.startswith("Timeout ("))
        if self.result:
            try:
                kind, payload = pickle.loads(bytes(self.result))
            except Exception:  # cut short: the child died while writing
                return outcome
            if kind == "crash":
                raise ChildCrash(*payload)
            outcome.value, outcome.ok = payload, True
        return outcome

    def close(self, selector) -> None:
        for fd in list(self.fds) + ([self.pidfd] if self.pidfd is not None else []):
            try:
                selector.unregister(fd)
            except (KeyError, ValueError):
                pass
            try:
                os.close(fd)
            except OSError:
                pass
        self.fds = {}
        self.pidfd = None


def send_now(value: object) -> None:
    """In a child that is about to end abruptly: send `value` as its result now (nothing outside a child)."""
    if _RESULT_FD is not None:
        write_all(_RESULT_FD, pickle.dumps(("value", value)))


def _child(function: Callable, args: tuple, seconds: float, result_fd: int, stack_fd: int) -> None:
    """In the child: own session, crash and time-out stacks to stack_fd, the pickled result to result_fd."""
    global _RESULT_FD
    status = 0
    _RESULT_FD = result_fd
    try:
        os.setsid()
        _limit_memory()
        faulthandler.enable(file=stack_fd, all_threads=False)
        faulthandler.dump_traceback_later(seconds, exit=True, file=stack_fd)
        try:
            payload = ("value", function(*args))
        except BaseException as exc:  # our own code failed, not the script (the function reports those itself)
            from ..steps import describe, where

            text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
            payload = ("crash", (f"{type(exc).__name__}: {exc}", text, where(exc, describe())))
        faulthandler.cancel_dump_traceback_later()
        try:
            data = pickle.dumps(payload)
        except Exception as exc:  # a result that cannot leave the process is our bug too
            data = pickle.dumps(("crash", (f"{type(exc).__name__}: {exc}", traceback.format_exc(), "sending a result")))
        write_all(result_fd, data)
    except BaseException:
        status = 70  # EX_SOFTWARE: the result could not even be sent
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:
            pass
        _EXIT(status)


def _limit_memory() -> None:
    """Cap the child's data memory (Linux counts the heap and private mappings), so MemoryError ends the script
    before the machine runs out; where the system has no such limit, the time limit still applies."""
    try:
        import resource

        limit = memory_limit()
        soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        if soft == resource.RLIM_INFINITY or soft > limit:
            resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    except (ImportError, AttributeError, ValueError, OSError):
        pass


def write_all(fd: int, data: bytes) -> None:
    """Write every byte to a pipe (blocking until the parent has read it)."""
    view = memoryview(data)
    while view:
        try:
            view = view[os.write(fd, view):]
        except InterruptedError:
            continue
        except OSError as exc:
            if exc.errno != errno.EINTR:
                raise
