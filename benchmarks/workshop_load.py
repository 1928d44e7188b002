"""``make bench-workshop``: a room of simulated learners on the workshop server, on this machine only.

The hub is started as ``make workshop`` starts it (own state folder, 127.0.0.1, a free port), with an extra
admin API token.  Through the hub's REST API the benchmark creates N learners (Linux accounts, made by the
hub's ``add_user_cmd``), gives each a token and starts their server; then each simulated learner, through the
proxy like a browser: opens notebook 03 (a session and kernel via the single-user server's API), runs its
cells up to the threshold explorer over the kernel websocket, moves the explorer's A-class slider every few
seconds through the widget's comm (as the browser does) and times each move until the kernel has sent the
new table and chart and gone idle; then walks on through the other chapters, running each one's cells.
Kernels left behind are culled when idle (the workshop's kernel culling, with a shortened time, see
``--kernel-idle-seconds``).  Prints ``name: value`` lines; limits: p95 explorer update ≤ 1 s, machine peak
≤ 16 GB.  Everything it created (accounts, homes, processes) is removed at the end.  Needs root.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import statistics
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

from _common import finish, report
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

from tiering_lib.course.agenda import notebook_header
from tiering_lib.course.lab import lab_settings_dir
from tiering_lib.workshop.accounts import processes_of, remove_accounts
from tiering_lib.workshop.hub_config import WorkshopSettings, free_port
from tiering_lib.workshop.server import leftovers, start_hub, stop_hub, wait_until_ready

ROOT = Path(__file__).resolve().parents[1]
SKIP_TAGS = {"solution", "advanced", "self-check"}
MOVES = (21, 25, 30, 15, 10, 40, 50, 18, 22, 20)
GB = 1024**3


def _meminfo() -> dict[str, int]:
    out = {}
    for line in Path("/proc/meminfo").read_text().splitlines():
        key, value = line.split(":", 1)
        out[key] = int(value.split()[0]) * 1024
    return out


def _pss(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


class Kernel:
    """One notebook session of one learner: a kernel started through the server's API, driven over its websocket."""

    def __init__(self, base: str, user: str, token: str) -> None:
        self.base, self.user, self.headers = base, user, {"Authorization": f"token {token}"}
        self.waiting: dict[str, asyncio.Future] = {}
        self.updates: dict[str, set[str]] = {}
        self.comms: dict[str, dict] = {}
        self.errors: list[str] = []
        self.expected: dict[str, bool] = {}  # msg_id of a cell that shows an error on purpose → seen yet

    async def open(self, path: str) -> None:
        body = json.dumps({"path": path, "name": path, "type": "notebook", "kernel": {"name": "python3"}})
        response = await AsyncHTTPClient().fetch(f"{self.base}/user/{self.user}/api/sessions", method="POST",
                                                 body=body, headers=self.headers, request_timeout=300)
        kernel = json.loads(response.body)["kernel"]["id"]
        self.session = uuid.uuid4().hex
        url = f"{self.base.replace('http', 'ws', 1)}/user/{self.user}/api/kernels/{kernel}/channels?session_id={self.session}"
        self.ws = await websocket_connect(HTTPRequest(url, headers=self.headers, request_timeout=300))
        self.reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        while True:
            raw = await self.ws.read_message()
            if raw is None:
                return
            if isinstance(raw, bytes):  # a message with buffers: offsets, then the JSON part first
                count = int.from_bytes(raw[:4], "big")
                offsets = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(count)]
                raw = raw[offsets[0]:offsets[1] if count > 1 else None]
            msg = json.loads(raw)
            parent = msg.get("parent_header", {}).get("msg_id")
            kind, content = msg["header"]["msg_type"], msg["content"]
            if kind == "comm_open":
                self.comms[content["comm_id"]] = content["data"].get("state", {})
            elif kind == "comm_msg" and parent in self.updates:
                self.updates[parent].add(content["comm_id"])
            elif kind == "error" and parent in self.expected:
                self.expected[parent] = True
            elif kind == "error":
                self.errors.append(content.get("ename", "error"))
            elif kind == "status" and content["execution_state"] == "idle" and parent in self.waiting:
                self.waiting.pop(parent).set_result(time.perf_counter())

    async def _request(self, msg_type: str, content: dict, timeout: float, msg_id: str = "") -> tuple[float, set[str]]:
        msg_id = msg_id or uuid.uuid4().hex
        done = asyncio.get_running_loop().create_future()
        self.waiting[msg_id], self.updates[msg_id] = done, set()
        header = {"msg_id": msg_id, "msg_type": msg_type, "session": self.session, "username": self.user,
                  "version": "5.3", "date": ""}
        started = time.perf_counter()
        await self.ws.write_message(json.dumps({"header": header, "parent_header": {}, "metadata": {},
                                                "content": content, "channel": "shell", "buffers": []}))
        finished = await asyncio.wait_for(done, timeout)
        return finished - started, self.updates.pop(msg_id)

    async def execute(self, cell: tuple[str, bool], timeout: float = 900) -> float:
        """Run one code cell; a cell tagged ``raises-exception`` (09's mistyped file name) must show its error."""
        code, raises = cell
        content = {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                   "allow_stdin": False, "stop_on_error": False}
        if not raises:
            return (await self._request("execute_request", content, timeout))[0]
        msg_id = uuid.uuid4().hex
        self.expected[msg_id] = False
        seconds = (await self._request("execute_request", content, timeout, msg_id))[0]
        if not self.expected.pop(msg_id):
            self.errors.append("a raises-exception cell ran without its error")
        return seconds

    async def move(self, comm_id: str, value: int) -> tuple[float, int]:
        """Set a widget's value through its comm; seconds until idle, and how many other widgets were updated."""
        content = {"comm_id": comm_id, "data": {"method": "update", "state": {"value": value}, "buffer_paths": []}}
        seconds, touched = await self._request("comm_msg", content, 120)
        return seconds, len(touched - {comm_id})

    def close(self) -> None:
        self.ws.close()
        self.reader.cancel()


async def _hub(method: str, url: str, token: str, body: dict | None = None) -> dict:
    response = await AsyncHTTPClient().fetch(url, method=method, headers={"Authorization": f"token {token}"},
                                             body=None if body is None else json.dumps(body),
                                             allow_nonstandard_methods=True, request_timeout=300)
    return json.loads(response.body) if response.body else {}


def _chapter_seconds(args, path: str) -> float:
    """How long a learner stays on a chapter, from opening it: ``--chapter-seconds`` if given, else the chapter's
    minutes in the agenda compressed as kernel culling is (``--kernel-idle-seconds`` against the shipped culling
    time), so that as many kernels per learner are alive at once as in class."""
    if args.chapter_seconds is not None:
        return args.chapter_seconds
    return notebook_header(ROOT / "notebooks" / path).minutes * 60 * args.kernel_idle_seconds / _shipped_cull_seconds()


def _shipped_cull_seconds() -> int:
    settings = json.loads((lab_settings_dir() / "jupyter_server_config.json").read_text(encoding="utf-8"))
    return settings["MappingKernelManager"]["cull_idle_timeout"]


def _cells(notebook: dict) -> list[tuple[str, bool]]:
    """The code cells a learner runs, each with whether it shows an error on purpose (tag ``raises-exception``)."""
    return [("".join(c["source"]), "raises-exception" in c["metadata"].get("tags", [])) for c in notebook["cells"]
            if c["cell_type"] == "code" and not SKIP_TAGS & set(c["metadata"].get("tags", []))]


class Room:
    """The shared figures of the run, and a safety valve: stop if the machine runs low on memory."""

    def __init__(self, minimum_available_gb: float) -> None:
        self.start: list[float] = []
        self.setup: list[float] = []
        self.moves: list[float] = []
        self.failed_moves = 0
        self.walk: list[float] = []
        self.kernels_opened = 0
        self.errors: list[str] = []
        self.peak_used = self.peak_pss = 0
        self.minimum_available = minimum_available_gb * GB
        self.aborted = asyncio.Event()
        self.ready = 0
        self.everyone_ready = asyncio.Event()

    async def sample(self, uids: set[int]) -> None:
        tick = 0
        while True:
            info = _meminfo()
            self.peak_used = max(self.peak_used, info["MemTotal"] - info["MemAvailable"])
            if info["MemAvailable"] < self.minimum_available:
                self.errors.append("machine memory ran low: stopped early")
                self.aborted.set()
            if tick % 5 == 0:
                self.peak_pss = max(self.peak_pss, _pss(processes_of(uids)))
            tick += 1
            await asyncio.sleep(1)


async def _wait_ready(api: str, token: str, name: str) -> None:
    while not (await _hub("GET", f"{api}/users/{name}", token)).get("servers", {}).get("", {}).get("ready"):
        await asyncio.sleep(0.5)


async def _notebook(base: str, name: str, token: str, path: str) -> dict:
    response = await AsyncHTTPClient().fetch(f"{base}/user/{name}/api/contents/{quote(path)}",
                                             headers={"Authorization": f"token {token}"}, request_timeout=300)
    return json.loads(response.body)["content"]


async def _chapter03(room: Room, args, base: str, name: str, token: str, offset: int) -> None:
    kernel = Kernel(base, name, token)
    await kernel.open("03_分层逻辑.ipynb")
    room.kernels_opened += 1
    cells = _cells(await _notebook(base, name, token, "03_分层逻辑.ipynb"))
    upto = next(i for i, (code, _) in enumerate(cells) if "threshold_explorer(" in code)
    started = time.perf_counter()
    for cell in cells[: upto + 1]:
        await kernel.execute(cell)
    room.setup.append(time.perf_counter() - started)
    slider = next(c for c, s in kernel.comms.items() if s.get("description", "").startswith("A类下限") and "Slider" in s.get("_model_name", ""))
    value = kernel.comms[slider]["value"]
    if args.together:  # the trainer says "now everybody move the slider" once the whole room is set up
        room.ready += 1
        if room.ready == args.learners:
            room.everyone_ready.set()
        while not room.everyone_ready.is_set():  # meanwhile, those set up early play with it (not timed)
            try:
                await asyncio.wait_for(room.everyone_ready.wait(), args.move_every * 3)
            except asyncio.TimeoutError:
                value = next(v for v in MOVES if v != value)
                await kernel.move(slider, value)
    for move in range(args.moves):
        await asyncio.sleep(args.move_every * (0.5 + secrets.randbelow(1000) / 1000))
        value = next(v for v in MOVES[(move + offset) % len(MOVES):] + MOVES if v != value)  # a real move
        seconds, touched = await kernel.move(slider, value)
        room.moves.append(seconds) if touched else None
        room.failed_moves += 0 if touched else 1
    for cell in cells[upto + 1:]:
        await kernel.execute(cell)
    room.errors += [f"{name} 03: {e}" for e in kernel.errors]
    kernel.close()


async def learner(room: Room, args, api: str, base: str, admin: str, name: str, offset: int) -> None:
    """One simulated learner: log in (server start), notebook 03 with the explorer, then the other chapters."""
    await asyncio.sleep(offset * args.ramp / max(1, args.learners))
    started = time.perf_counter()
    await _hub("POST", f"{api}/users/{name}/server", admin, {})
    await _wait_ready(api, admin, name)
    room.start.append(time.perf_counter() - started)
    token = (await _hub("POST", f"{api}/users/{name}/tokens", admin, {"note": "bench", "expires_in": 14400}))["token"]
    await _chapter03(room, args, base, name, token, offset)
    walked = time.perf_counter()
    for chapter in args.chapters:
        path = next(p.name for p in (ROOT / "notebooks").glob(f"{chapter}_*.ipynb"))
        opened = time.perf_counter()
        kernel = Kernel(base, name, token)
        await kernel.open(path)
        room.kernels_opened += 1
        for cell in _cells(await _notebook(base, name, token, path)):
            await kernel.execute(cell)
        room.errors += [f"{name} {chapter}: {e}" for e in kernel.errors]
        kernel.close()  # the tab is left; its kernel stays until culled, as JupyterLab leaves it
        await asyncio.sleep(max(0.0, _chapter_seconds(args, path) - (time.perf_counter() - opened)))
    room.walk.append(time.perf_counter() - walked)


async def run_room(args, settings: WorkshopSettings, names: list[str]) -> Room:
    import pwd

    api = f"http://127.0.0.1:{settings.port}/hub/api"
    base = f"http://127.0.0.1:{settings.port}"
    admin = settings.admin_api_token
    room = Room(args.minimum_available_gb)
    await _hub("POST", f"{api}/users", admin, {"usernames": names})  # the hub creates the Linux accounts
    uids = {pwd.getpwnam(n).pw_uid for n in names}
    sampler = asyncio.ensure_future(room.sample(uids))
    tasks = [asyncio.ensure_future(learner(room, args, api, base, admin, n, i)) for i, n in enumerate(names)]
    aborted = asyncio.ensure_future(room.aborted.wait())
    await asyncio.wait([asyncio.gather(*tasks, return_exceptions=True), aborted], return_when=asyncio.FIRST_COMPLETED)
    for task in tasks:
        if task.done() and task.exception():
            room.errors.append(f"{type(task.exception()).__name__}: {task.exception()}")
        task.cancel()
    alive = 0
    for name in names:
        token = (await _hub("POST", f"{api}/users/{name}/tokens", admin, {"note": "count"}))["token"]
        response = await AsyncHTTPClient().fetch(f"{base}/user/{name}/api/kernels",
                                                 headers={"Authorization": f"token {token}"}, raise_error=False)
        alive += len(json.loads(response.body)) if response.code == 200 else 0
    room.kernels_alive = alive
    sampler.cancel()
    aborted.cancel()
    return room


def _quantile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]


def _report(args, room: Room, before: int) -> None:
    report("learners", args.learners, fmt="d")
    for name, values in (("learner_start_s", room.start), ("notebook03_setup_s", room.setup), ("chapter_walk_s", room.walk)):
        if values:
            report(f"{name}_p50", statistics.median(values), fmt=".1f")
            report(f"{name}_max", max(values), fmt=".1f")
    report("learners_started", len(room.start), fmt="d", limit=args.learners, higher_is_better=True)
    report("explorer_moves", len(room.moves), fmt="d", limit=args.learners * args.moves, higher_is_better=True)
    report("explorer_moves_without_update", room.failed_moves, fmt="d", limit=0)
    if room.moves:
        report("explorer_update_ms_p50", statistics.median(room.moves) * 1000, fmt=".0f")
        report("explorer_update_ms_p95", _quantile(room.moves, 95) * 1000, fmt=".0f", limit=1000)
        report("explorer_update_ms_max", max(room.moves) * 1000, fmt=".0f")
    report("kernels_opened", room.kernels_opened, fmt="d")
    report("kernels_alive_at_end", room.kernels_alive, fmt="d")
    report("machine_used_before_gb", before / GB, fmt=".2f")
    report("machine_peak_used_gb", room.peak_used / GB, fmt=".2f", limit=16)
    report("learners_peak_pss_gb", room.peak_pss / GB, fmt=".2f")
    report("errors", len(room.errors), fmt="d", limit=0)
    for error in sorted(set(room.errors))[:10]:
        print(f"# error: {error}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--moves", type=int, default=12, help="explorer moves per learner")
    parser.add_argument("--move-every", type=float, default=5.0, help="mean seconds between moves")
    parser.add_argument("--ramp", type=float, default=60.0, help="seconds over which the learners log in")
    parser.add_argument("--chapters", default="00,01,02,04,05,06,07,08,09,10", help="walked after 03, in order")
    parser.add_argument("--chapter-seconds", type=float, default=None,
                        help="time on each chapter from opening it (default: its agenda minutes, compressed as culling is)")
    parser.add_argument("--kernel-idle-seconds", type=int, default=60,
                        help="kernel culling time for this compressed day (the workshop ships lab_settings' value)")
    parser.add_argument("--together", action=argparse.BooleanOptionalAction, default=True,
                        help="move the explorer only once every learner has notebook 03 set up (a trainer-led room)")
    parser.add_argument("--minimum-available-gb", type=float, default=3.0, help="stop early below this")
    args = parser.parse_args()
    args.chapters = [c for c in args.chapters.split(",") if c]
    if os.geteuid() != 0:
        print("需要 root 权限（要建立学员账户）：sudo make bench-workshop")
        return 1
    import tempfile

    from tiering_lib.workshop.accounts import ensure_groups

    ensure_groups()
    state = Path(tempfile.mkdtemp(prefix="workshop-bench-"))
    settings = WorkshopSettings(
        state=state, python=str(ROOT / ".venv-workshop" / "bin" / "python"),
        proxy=str(ROOT / "workshop" / "node_modules" / ".bin" / "configurable-http-proxy"),
        port=free_port(), admin_api_token=secrets.token_hex(32), kernel_idle_seconds=args.kernel_idle_seconds,
    )
    names = [f"bench{i:02d}" for i in range(1, args.learners + 1)]
    info = _meminfo()
    before = info["MemTotal"] - info["MemAvailable"]
    print(f"# hub log: {state / 'hub.log'}", flush=True)
    proc = start_hub(settings, log=state / "hub.log")
    try:
        wait_until_ready(settings, proc)
        room = asyncio.run(run_room(args, settings, names))
    finally:
        stop_hub(state)
        proc.wait(timeout=120)
        remove_accounts(state, names)
    _report(args, room, before)
    report("leftover_processes", len(leftovers(state)), fmt="d", limit=0)
    finish()
    return 0


if __name__ == "__main__":
    sys.exit(main())
