"""The workshop's Linux accounts: one per learner and one for the trainer, each with a random password.

Learners are ``learner01`` … (a Linux user name must be ASCII; the slip and the board show 学员01 …), the
trainer is ``trainer``.  Each is a real system user created with ``useradd`` (home folder mode 0700, so no
other account can read or change anything in it), a member of the group :data:`LEARNERS` or
:data:`TRAINERS`, and logs in to JupyterHub through PAM with its password.  JupyterHub lets in only members
of those two groups and makes the trainers admins (see :mod:`tiering_lib.workshop.hub_config`).

The list of accounts this tool created lives in ``<state>/accounts.json`` (names only: passwords are kept
nowhere but in ``/etc/shadow`` and on the printed slips), so :func:`remove_accounts` removes exactly those.
"""

from __future__ import annotations

import grp
import json
import os
import pwd
import re
import secrets
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tiering_lib.errors import TieringError

__all__ = [
    "LEARNERS",
    "TRAINERS",
    "Account",
    "learner_names",
    "display_name",
    "new_password",
    "useradd_command",
    "create_accounts",
    "remove_accounts",
    "read_accounts",
    "group_members",
    "ensure_groups",
    "processes_of",
]

#: Unix groups of the workshop's accounts: JupyterHub admits their members, the trainers are admins.
LEARNERS = "tiering-learners"
TRAINERS = "tiering-trainers"
ACCOUNTS_FILE = "accounts.json"
_NAME = re.compile(r"^[a-z][a-z0-9]{1,15}$")
# No 0/O, 1/l/I: a password read off a slip is typed right the first time.
_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


@dataclass(frozen=True)
class Account:
    """One workshop account and, right after it was made, its password (for the slip)."""

    name: str
    display: str
    trainer: bool
    password: str | None = None


def learner_names(count: int, prefix: str = "learner") -> list[str]:
    """``learner01`` … ``learnerNN`` (two digits, three from 100 learners on).

    Examples
    --------
    >>> learner_names(3)
    ['learner01', 'learner02', 'learner03']
    """
    if not 1 <= count <= 200:
        raise TieringError(f"学员人数 {count} 不合适：请给出 1 到 200 之间的人数。")
    if not _NAME.match(prefix + "1"):
        raise TieringError(f"账户名前缀“{prefix}”不能用：只能用小写英文字母和数字，以字母开头。")
    width = max(2, len(str(count)))
    return [f"{prefix}{i:0{width}d}" for i in range(1, count + 1)]


def display_name(name: str, trainer: bool = False) -> str:
    """The name a slip and the board show: 学员01 for ``learner01``, 讲师 for the trainer.

    Examples
    --------
    >>> display_name("learner07"), display_name("trainer", trainer=True)
    ('学员07', '讲师（trainer）')
    """
    if trainer:
        return f"讲师（{name}）"
    digits = re.search(r"\d+$", name)
    return f"学员{digits.group()}" if digits else name


def new_password(rng: secrets.SystemRandom | None = None) -> str:
    """A random password of three groups of four easy-to-read characters (about 60 bits).

    Examples
    --------
    >>> import random
    >>> new_password(random.Random(1))
    'iesh-9682-pg9b'
    """
    rng = rng or secrets.SystemRandom()
    return "-".join("".join(rng.choice(_ALPHABET) for _ in range(4)) for _ in range(3))


def useradd_command(group: str) -> list[str]:
    """The ``useradd`` command (user name appended) that makes a workshop account: home 0700, bash, ``group``.

    Examples
    --------
    >>> " ".join(useradd_command(LEARNERS))
    'useradd --create-home --shell /bin/bash --key HOME_MODE=0700 --user-group --groups tiering-learners'
    """
    return ["useradd", "--create-home", "--shell", "/bin/bash", "--key", "HOME_MODE=0700", "--user-group",
            "--groups", group]


def _run(command: list[str], stdin: str | None = None) -> None:
    done = subprocess.run(command, input=stdin, capture_output=True, text=True)
    if done.returncode:
        raise TieringError(f"命令 {command[0]} 没有成功（{done.stderr.strip() or done.returncode}）。请以 root 身份运行。")


def _ensure_group(group: str) -> None:
    try:
        grp.getgrnam(group)
    except KeyError:
        _run(["groupadd", "--system", group])


def ensure_groups() -> None:
    """Create the learners' and trainers' groups if missing (needs root)."""
    for group in (LEARNERS, TRAINERS):
        _ensure_group(group)


def group_members(group: str) -> list[str]:
    """Users whose primary or extra group is ``group`` (empty if the group does not exist)."""
    try:
        entry = grp.getgrnam(group)
    except KeyError:
        return []
    return sorted({p.pw_name for p in pwd.getpwall() if p.pw_gid == entry.gr_gid} | set(entry.gr_mem))


def read_accounts(state: str | Path) -> list[dict]:
    """The accounts this tool created for the workshop in ``state`` (``[{"name", "display", "trainer"}]``)."""
    path = Path(state) / ACCOUNTS_FILE
    if not path.is_file():
        return []
    return json.loads(path.read_text(encoding="utf-8"))["accounts"]


def _write_accounts(state: Path, accounts: list[dict]) -> None:
    state.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = state / ACCOUNTS_FILE
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"accounts": accounts}, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def _make_user(name: str, group: str, password: str) -> None:
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        _run([*useradd_command(group), name])
        entry = pwd.getpwnam(name)
    else:
        if name not in group_members(group):
            raise TieringError(
                f"系统里已经有一个叫 {name} 的账户，但它不是工作坊建立的。请换一个账户名前缀（--prefix）。"
            )
    os.chmod(entry.pw_dir, 0o700)
    _run(["chpasswd"], stdin=f"{name}:{password}\n")


def create_accounts(
    state: str | Path,
    count: int,
    *,
    prefix: str = "learner",
    trainer: str | None = "trainer",
    new_passwords: bool = True,
) -> list[Account]:
    """Create (or give new passwords to) ``count`` learner accounts and the trainer's account.

    Existing workshop accounts keep their files; every account named here gets a new random password,
    returned for the slips (a slip of an earlier class stops working).  Needs root.

    Parameters
    ----------
    state : str or Path
        The workshop's state folder (``accounts.json`` is kept there).
    count : int
        Number of learners, ``learner01`` … ``learnerNN``.
    prefix : str
        Learner account names start with this (lower-case ASCII letters and digits).
    trainer : str or None
        The trainer's account name (a hub admin), or None for none.
    new_passwords : bool
        Give every named account a new password (always true for accounts that did not exist).

    Returns
    -------
    list of Account
        The trainer first, then the learners, each with the password just set.
    """
    state = Path(state)
    ensure_groups()
    wanted = ([Account(trainer, display_name(trainer, True), True)] if trainer else []) + [
        Account(n, display_name(n), False) for n in learner_names(count, prefix)
    ]
    known = {a["name"]: a for a in read_accounts(state)}
    made = []
    for account in wanted:
        if account.name in known and not new_passwords:
            made.append(account)
            continue
        password = new_password()
        _make_user(account.name, TRAINERS if account.trainer else LEARNERS, password)
        known[account.name] = {"name": account.name, "display": account.display, "trainer": account.trainer}
        _write_accounts(state, list(known.values()))  # recorded at once: a later failure leaves nothing unknown
        made.append(Account(account.name, account.display, account.trainer, password))
    return made


def remove_accounts(state: str | Path, names: list[str] | None = None) -> list[str]:
    """Delete workshop accounts with their home folders (all recorded in ``state`` by default); needs root.

    Only accounts whose group is :data:`LEARNERS` or :data:`TRAINERS` are touched.  Returns the names removed.
    """
    state = Path(state)
    recorded = read_accounts(state)
    names = [a["name"] for a in recorded] if names is None else names
    ours = set(group_members(LEARNERS)) | set(group_members(TRAINERS))
    removed = []
    for name in names:
        if name in ours:
            _end_processes(pwd.getpwnam(name).pw_uid)
            _run(["userdel", "--remove", name])
            removed.append(name)
    _write_accounts(state, [a for a in recorded if a["name"] not in set(names)])
    return removed


def processes_of(uids: set[int]) -> list[int]:
    """The ids of the running processes owned by any of ``uids``."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if proc.stat().st_uid in uids:
                    found.append(int(proc.name))
            except OSError:  # ended meanwhile
                pass
    return found


def _end_processes(uid: int) -> None:
    """Stop what a removed account left running (a deleted account's processes must not linger)."""
    import signal
    import time

    for sig in (signal.SIGTERM, signal.SIGKILL):
        pids = processes_of({uid})
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.time() + 5
        while pids and processes_of({uid}) and time.time() < deadline:
            time.sleep(0.1)
