"""What JupyterHub starts for each account, running as that account: its workspace, then its JupyterLab.

``python -m tiering_lib.workshop.singleuser`` (the spawner's command) prepares ``~/我的练习`` (learners) or
``~/讲师版`` (members of the trainers' group) with :func:`tiering_lib.course.workspace.prepare_workspace`,
exactly as ``make lab`` does (new chapters are added, the learner's own files are never overwritten), then
replaces itself with ``jupyterhub-singleuser`` given the same options and settings files as ``make lab``
(:func:`tiering_lib.course.lab.server_arguments`): Chinese interface, no news, kernel culling, 00_导读 first.
Files it creates are private to the account (umask 077), and its kernels use local sockets in the
account's own runtime folder instead of TCP ports another account could connect to.
"""

from __future__ import annotations

import grp
import os
import sys
from pathlib import Path

from tiering_lib.course.lab import LEARNER_WORKSPACE, TRAINER_WORKSPACE, server_arguments, server_environment
from tiering_lib.course.workspace import prepare_workspace
from tiering_lib.workshop.accounts import TRAINERS

__all__ = ["KERNEL_IDLE_ENV", "is_trainer", "workspace_for", "singleuser_command", "main"]

#: Set by the hub only when the trainer (or a benchmark) overrides the shipped kernel-culling time (seconds).
KERNEL_IDLE_ENV = "TIERING_KERNEL_IDLE_SECONDS"


def is_trainer(groups: list[int] | None = None) -> bool:
    """Whether the account running this is in the trainers' group (it then gets the trainer edition)."""
    try:
        trainers = grp.getgrnam(TRAINERS).gr_gid
    except KeyError:
        return False
    return trainers in (os.getgroups() if groups is None else groups)


def workspace_for(home: Path, trainer: bool) -> Path:
    """The workspace in ``home``: ``我的练习`` for a learner, ``讲师版`` for the trainer.

    Examples
    --------
    >>> workspace_for(Path("/home/learner01"), trainer=False).as_posix()
    '/home/learner01/我的练习'
    """
    return home / (TRAINER_WORKSPACE if trainer else LEARNER_WORKSPACE)


def singleuser_command(folder: Path, extra: list[str], env: dict[str, str]) -> list[str]:
    """The ``jupyterhub-singleuser`` command line for ``folder`` (``extra``: the hub's own arguments).

    Examples
    --------
    >>> cmd = singleuser_command(Path("/home/l/我的练习"), [], {KERNEL_IDLE_ENV: "60"})
    >>> cmd[1:3], cmd[-2:]
    (['-m', 'jupyterhub.singleuser'], ['--MappingKernelManager.cull_idle_timeout=60', '--MappingKernelManager.cull_interval=15'])
    """
    argv = [sys.executable, "-m", "jupyterhub.singleuser", *server_arguments(folder), *extra,
            # kernels talk over files in the account's own (0700) runtime folder, not TCP ports on 127.0.0.1,
            # whose output channel any other account on the machine could subscribe to
            "--KernelManager.transport=ipc"]
    if env.get(KERNEL_IDLE_ENV):
        seconds = int(env[KERNEL_IDLE_ENV])
        argv += [f"--MappingKernelManager.cull_idle_timeout={seconds}",
                 f"--MappingKernelManager.cull_interval={max(10, min(300, seconds // 4))}"]
    return argv


def main(argv: list[str] | None = None) -> None:
    """Prepare this account's workspace and become its JupyterLab (never returns on success)."""
    os.umask(0o077)
    trainer = is_trainer()
    folder = workspace_for(Path.home(), trainer)
    report = prepare_workspace(folder, trainer=trainer)
    print(report.summary_zh(), file=sys.stderr, flush=True)
    env = dict(os.environ, **server_environment(folder))
    command = singleuser_command(folder, list(sys.argv[1:] if argv is None else argv), env)
    os.chdir(folder)
    os.execve(command[0], command, env)


if __name__ == "__main__":
    main()
