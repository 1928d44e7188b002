"""The JupyterHub configuration of the workshop, as plain data, and the config file written from it.

:func:`hub_config` returns ``{section: {option: value}}``; :func:`config_file_text` turns that into the
``jupyterhub_config.py`` the hub is started with (rewritten in the state folder at every start, so what the
hub runs with can be read there).  In short:

* **who gets in** — PAM (the machine's own passwords) for members of the learners' and trainers' groups
  only; no sign-up page; members of the trainers' group are admins;
* **what each gets** — ``LocalProcessSpawner``: the account's own JupyterLab, started as that account
  (:mod:`tiering_lib.workshop.singleuser`); admins cannot open learners' servers (``admin_access`` off);
* **services** — the progress board (admins only, Hub OAuth) and ``jupyterhub-idle-culler``, which stops a
  server nobody has used for ``server_idle_seconds`` (its files stay; it starts again at the next login);
* **where** — the proxy listens on ``host:port``; the hub, the proxy's API and the board on 127.0.0.1 only;
  the database, cookie secret and PID files in the state folder (mode 0700).
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tiering_lib.course.lab import FIRST_NOTEBOOK
from tiering_lib.workshop.accounts import LEARNERS, TRAINERS, useradd_command
from tiering_lib.workshop.singleuser import KERNEL_IDLE_ENV

__all__ = ["WorkshopSettings", "free_port", "hub_config", "config_file_text", "BOARD", "ADMIN_API"]

#: Service names: the trainer's progress board, and the admin API client of benchmarks and tests.
BOARD = "board"
ADMIN_API = "workshop-admin"
CULLER = "idle-culler"


def free_port() -> int:
    """A port nobody listens on at 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class WorkshopSettings:
    """Everything the hub is started with.

    ``python`` is the interpreter every account runs (the workshop environment's), ``proxy`` the
    ``configurable-http-proxy`` installed by ``npm ci``; internal ports are picked free at each start.
    """

    state: Path
    python: str
    proxy: str
    host: str = "127.0.0.1"
    port: int = 8000
    server_idle_seconds: int = 3600
    kernel_idle_seconds: int | None = None  # None: the shipped lab_settings value
    admin_api_token: str | None = None  # benchmarks and tests only
    hub_port: int = field(default_factory=free_port)
    proxy_api_port: int = field(default_factory=free_port)
    board_port: int = field(default_factory=free_port)

    @property
    def public_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"


def _services(s: WorkshopSettings) -> tuple[list[dict], list[dict]]:
    board = {
        "name": BOARD,
        "url": f"http://127.0.0.1:{s.board_port}",
        "command": [s.python, "-m", "tiering_lib.workshop.board"],
        "oauth_no_confirm": True,
        "display": True,
        "info": {"说明": "学员进度看板（仅讲师可见）"},
    }
    culler = {
        "name": CULLER,
        "command": [s.python, "-m", "jupyterhub_idle_culler", f"--timeout={s.server_idle_seconds}",
                    f"--cull-every={max(30, min(300, s.server_idle_seconds // 4))}"],
    }
    services = [board, culler]
    roles = [
        {"name": "progress-board", "scopes": ["list:users", "read:users"], "services": [BOARD]},
        {"name": "idle-culler", "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
         "services": [CULLER]},
    ]
    if s.admin_api_token:
        services.append({"name": ADMIN_API, "api_token": s.admin_api_token})
        roles.append({"name": ADMIN_API, "services": [ADMIN_API], "scopes": [
            "admin:users", "admin:servers", "tokens", "list:users", "read:users", "read:servers"]})
    return services, roles


def hub_config(s: WorkshopSettings) -> dict[str, dict[str, Any]]:
    """The hub's configuration for ``s``, section by section.

    Examples
    --------
    >>> c = hub_config(WorkshopSettings(Path("/srv/ws"), "/venv/bin/python", "/chp", port=8000))
    >>> c["JupyterHub"]["bind_url"], sorted(c["PAMAuthenticator"]["allowed_groups"])
    ('http://127.0.0.1:8000/', ['tiering-learners', 'tiering-trainers'])
    >>> c["PAMAuthenticator"]["admin_groups"], c["JupyterHub"]["admin_access"]
    ({'tiering-trainers'}, False)
    """
    services, roles = _services(s)
    environment = {"PYTHONIOENCODING": "utf-8", "PATH": f"{Path(s.python).parent}:/usr/local/bin:/usr/bin:/bin"}
    if s.kernel_idle_seconds:
        environment[KERNEL_IDLE_ENV] = str(s.kernel_idle_seconds)
    return {
        "JupyterHub": {
            "bind_url": s.public_url,
            "hub_ip": "127.0.0.1",
            "hub_port": s.hub_port,
            "authenticator_class": "pam",
            "spawner_class": "localprocess",
            "admin_access": False,
            "db_url": f"sqlite:///{s.state / 'jupyterhub.sqlite'}",
            "cookie_secret_file": str(s.state / "jupyterhub_cookie_secret"),
            "pid_file": str(s.state / "hub.pid"),
            "cleanup_servers": True,
            "cleanup_proxy": True,
            "services": services,
            "load_roles": roles,
            "concurrent_spawn_limit": 40,
        },
        "PAMAuthenticator": {
            "allowed_groups": {LEARNERS, TRAINERS},
            "admin_groups": {TRAINERS},
            "allow_existing_users": False,
            "create_system_users": True,  # users added by the admin page or the REST API get a Linux account
            "add_user_cmd": useradd_command(LEARNERS),
        },
        "Spawner": {
            "cmd": [s.python, "-m", "tiering_lib.workshop.singleuser"],
            "default_url": f"/lab/tree/{FIRST_NOTEBOOK}",
            "environment": environment,
            "start_timeout": 300,  # a whole room logging in at once on two cores
            "http_timeout": 300,
        },
        "ConfigurableHTTPProxy": {
            "command": [s.proxy],
            "api_url": f"http://127.0.0.1:{s.proxy_api_port}",
            "pid_file": str(s.state / "proxy.pid"),
        },
    }


def config_file_text(config: dict[str, dict[str, Any]]) -> str:
    """The ``jupyterhub_config.py`` setting every option of ``config``.

    Examples
    --------
    >>> print(config_file_text({"JupyterHub": {"hub_ip": "127.0.0.1"}}), end="")
    # Written by `python -m tiering_lib workshop start` at every start: do not edit (it is rewritten).
    c = get_config()  # noqa: F821
    c.JupyterHub.hub_ip = '127.0.0.1'
    """
    lines = [
        "# Written by `python -m tiering_lib workshop start` at every start: do not edit (it is rewritten).",
        "c = get_config()  # noqa: F821",
    ]
    for section, options in config.items():
        for name, value in options.items():
            if isinstance(value, set):
                value = sorted(value)
                lines.append(f"c.{section}.{name} = set({value!r})")
            else:
                lines.append(f"c.{section}.{name} = {value!r}")
    return "\n".join(lines) + "\n"
