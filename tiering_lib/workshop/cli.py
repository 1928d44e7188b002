"""``python -m tiering_lib workshop``: start, stop, and the accounts of the workshop server (Chinese help).

``make workshop`` runs ``workshop start``, ``make workshop-stop`` runs ``workshop stop``, ``make
workshop-accounts N=20`` runs ``workshop accounts --count 20``.  Every step that needs root says so in
Chinese; so does a taken port.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
from pathlib import Path
from typing import TextIO

from tiering_lib.commandline import exit_codes_text, guarded
from tiering_lib.errors import TieringError

__all__ = ["WORKSHOP", "default_address"]

DEFAULT_STATE = "workshop/state"
DEFAULT_PROXY = "workshop/node_modules/.bin/configurable-http-proxy"
SLIPS = "登录条.html"
PROG = "python -m tiering_lib workshop"


def _need_root() -> None:
    import os

    if os.geteuid() != 0:
        raise TieringError("这一步需要 root 权限（要建立或删除 Linux 账户、停止各账户的进程）：请用 sudo 运行。")


def default_address(state: Path, host: str = "127.0.0.1", port: int = 8000) -> str:
    """The address learners type: the running hub's, else ``host:port`` (this machine's address for 0.0.0.0).

    Examples
    --------
    >>> default_address(Path("/nonexistent"), "127.0.0.1", 8000)
    'http://127.0.0.1:8000/'
    """
    import json

    try:
        url = json.loads((state / "running.json").read_text(encoding="utf-8"))["url"]
    except (OSError, ValueError, KeyError):
        url = None
    if url and "0.0.0.0" not in url:
        return url
    if host in ("0.0.0.0", "::") or (url and "0.0.0.0" in url):
        found = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
        host = found[0] if found else "本机地址"
        port = int(url.rsplit(":", 1)[1].strip("/")) if url else port
    return f"http://{host}:{port}/"


def _banner(settings, accounts: int) -> str:
    address = default_address(settings.state, settings.host, settings.port)
    everywhere = settings.host in ("0.0.0.0", "::")
    return "\n".join([
        "客户分层工作坊已启动。",
        f"  学员在浏览器打开：{address}" + ("（本机所有网络地址都在监听）" if everywhere else ""),
        f"  讲师的进度看板：{address}services/board/（用讲师账户登录后打开）",
        f"  已有 {accounts} 个工作坊账户；登录条：{settings.state / SLIPS}"
        if accounts else "  还没有账户：在另一个终端运行 sudo make workshop-accounts N=20",
        "  停止：按 Ctrl+C，或在另一个终端运行 sudo make workshop-stop（学员的文件都会保留）。",
    ])


def _start(args: argparse.Namespace, stdout: TextIO) -> int:
    from tiering_lib.workshop.accounts import read_accounts
    from tiering_lib.workshop.hub_config import WorkshopSettings
    from tiering_lib.workshop.server import start_hub, stop_hub, wait_until_ready

    settings = WorkshopSettings(
        state=Path(args.state).resolve(), python=sys.executable, proxy=str(Path(args.proxy).resolve()),
        host=args.host, port=args.port, server_idle_seconds=args.server_idle_minutes * 60,
    )
    proc = start_hub(settings)
    signal.signal(signal.SIGTERM, lambda *_: proc.send_signal(signal.SIGTERM))
    try:
        wait_until_ready(settings, proc)
        print(_banner(settings, len(read_accounts(settings.state))), file=stdout, flush=True)
        proc.wait()
    except KeyboardInterrupt:  # Ctrl+C reached the hub too: let it stop its servers
        print("正在停止工作坊（先停各学员的 JupyterLab，再停代理）……", file=stdout, flush=True)
        try:
            proc.wait(timeout=90)
        except (subprocess.TimeoutExpired, KeyboardInterrupt):
            proc.terminate()
    finally:
        proc.wait()
        _, ended = stop_hub(settings.state)
    extra = f"；另外结束了 {ended} 个遗留进程" if ended else ""
    print(f"工作坊已停止，没有留下运行中的服务器、内核或代理{extra}。学员的文件都在各自的主文件夹里。", file=stdout)
    return 0


def _stop(args: argparse.Namespace, stdout: TextIO) -> int:
    from tiering_lib.workshop.server import stop_hub

    _need_root()
    was_running, ended = stop_hub(Path(args.state).resolve())
    extra = f"，另外结束了 {ended} 个遗留进程" if ended else ""
    print(("工作坊已停止" if was_running else "工作坊没有在运行") + f"{extra}；学员的文件都保留着。", file=stdout)
    return 0


def _accounts(args: argparse.Namespace, stdout: TextIO) -> int:
    from tiering_lib.workshop.accounts import create_accounts
    from tiering_lib.workshop.slips import write_slips

    _need_root()
    state = Path(args.state).resolve()
    made = create_accounts(state, args.count, prefix=args.prefix, trainer=args.trainer or None)
    address = args.address or default_address(state)
    path = write_slips(state / SLIPS, made, address)
    print(f"已准备 {len(made)} 个账户（{made[0].name} … {made[-1].name}），每个都设了新的随机密码。", file=stdout)
    print(f"登录条（含密码，只有 root 能读）：{path}", file=stdout)
    print(f"登录地址：{address}　打印、剪开、发给学员后，请删除这个文件。", file=stdout)
    return 0


def _remove(args: argparse.Namespace, stdout: TextIO) -> int:
    from tiering_lib.workshop.accounts import read_accounts, remove_accounts
    from tiering_lib.workshop.server import hub_pid

    _need_root()
    state = Path(args.state).resolve()
    if hub_pid(state):
        raise TieringError("工作坊还在运行：请先运行 make workshop-stop，再删除账户。")
    if not args.yes:
        names = [a["name"] for a in read_accounts(state)]
        raise TieringError(f"这会删除 {len(names)} 个工作坊账户和它们主文件夹里的全部文件（学员的练习）。确定的话请加 --yes。")
    removed = remove_accounts(state)
    print(f"已删除 {len(removed)} 个账户及其文件：{'、'.join(removed) or '无'}", file=stdout)
    return 0


class _Workshop:
    """``workshop {start,stop,accounts,remove-accounts}``."""

    SUMMARY = "工作坊服务器：一台 Linux 电脑供全班在浏览器里学习（需要 root）"
    DESCRIPTION = """\
在一台 Linux 电脑上运行 JupyterHub，全班学员只需浏览器：
  start            启动（默认只在 127.0.0.1 监听；给全班用时加 --host 0.0.0.0），按 Ctrl+C 停止
  stop             停止正在运行的工作坊（各学员的服务器、内核和代理都会停下，文件保留）
  accounts         生成学员账户（learner01 …）和讲师账户，设随机密码，写出可打印的登录条
  remove-accounts  培训结束后删除全部工作坊账户及其文件
每位学员是一个独立的 Linux 账户，主文件夹只有自己能读写；第一次登录时得到自己的学员版练习文件夹。
需要以 root 身份运行（sudo），因为要建立账户并以各学员的身份启动他们的 JupyterLab。"""
    EPILOG = f"""\
示例：
  sudo python -m tiering_lib workshop accounts --count 20 --address http://10.0.0.5:8000/
  sudo python -m tiering_lib workshop start --host 0.0.0.0 --port 8000
  sudo python -m tiering_lib workshop stop

{exit_codes_text((0, 1, 2, 3))}"""

    @staticmethod
    def add_arguments(p: argparse.ArgumentParser) -> None:
        from tiering_lib.commandline import ChineseParser

        steps = p.add_subparsers(title="步骤", dest="step", metavar="步骤", required=True, parser_class=ChineseParser)
        start = steps.add_parser("start", help="启动工作坊服务器", prog=f"{PROG} start")
        start.add_argument("--host", default="127.0.0.1", help="监听的地址（默认 127.0.0.1 只供本机；0.0.0.0 为所有网络地址）")
        start.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
        start.add_argument("--server-idle-minutes", type=int, default=60,
                           help="学员的 JupyterLab 多少分钟无人使用后停下（默认 60；文件保留，再登录会重新启动）")
        start.add_argument("--proxy", default=DEFAULT_PROXY, help=f"configurable-http-proxy 的位置（默认 {DEFAULT_PROXY}）")
        accounts = steps.add_parser("accounts", help="生成账户和登录条", prog=f"{PROG} accounts")
        accounts.add_argument("--count", type=int, required=True, help="学员人数（learner01 … learnerNN）")
        accounts.add_argument("--prefix", default="learner", help="学员账户名前缀（默认 learner）")
        accounts.add_argument("--trainer", default="trainer", help="讲师账户名（默认 trainer；讲师是管理员）")
        accounts.add_argument("--address", help="登录条上印的地址（默认：正在运行的工作坊的地址）")
        steps.add_parser("stop", help="停止工作坊", prog=f"{PROG} stop")
        remove = steps.add_parser("remove-accounts", help="删除全部工作坊账户及其文件", prog=f"{PROG} remove-accounts")
        remove.add_argument("--yes", action="store_true", help="确认删除")
        for sub in (start, accounts, steps.choices["stop"], remove):
            sub.add_argument("--state", default=DEFAULT_STATE, help=f"工作坊的状态文件夹（默认 {DEFAULT_STATE}）")

    @staticmethod
    def run(args: argparse.Namespace, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
        stdout = stdout or sys.stdout
        step = {"start": _start, "stop": _stop, "accounts": _accounts, "remove-accounts": _remove}[args.step]
        return guarded(lambda: step(args, stdout), stderr)


#: The ``workshop`` command.
WORKSHOP = _Workshop
