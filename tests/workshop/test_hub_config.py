"""The hub's configuration: who gets in, what each gets, what listens where (as data and as the config file)."""

from __future__ import annotations

from pathlib import Path

from traitlets.config import Config

from tiering_lib.workshop.accounts import LEARNERS, TRAINERS
from tiering_lib.workshop.hub_config import ADMIN_API, BOARD, WorkshopSettings, config_file_text, hub_config


def _settings(**kw):
    return WorkshopSettings(Path("/srv/工作坊/state"), "/opt/ws/.venv-workshop/bin/python", "/opt/ws/chp", **kw)


def _load(text: str) -> Config:
    config = Config()
    exec(compile(text, "jupyterhub_config.py", "exec"), {"get_config": lambda: config})
    return config


def test_the_config_file_sets_exactly_what_the_data_says():
    data = hub_config(_settings())
    c = _load(config_file_text(data))
    for section, options in data.items():
        for name, value in options.items():
            assert c[section][name] == value, f"{section}.{name}"


def test_only_workshop_groups_log_in_with_system_passwords_and_trainers_are_admins():
    c = hub_config(_settings())
    assert c["JupyterHub"]["authenticator_class"] == "pam"  # the machine's own passwords, no sign-up page
    auth = c["PAMAuthenticator"]
    assert auth["allowed_groups"] == {LEARNERS, TRAINERS} and auth["admin_groups"] == {TRAINERS}
    assert auth["allow_existing_users"] is False
    assert c["JupyterHub"]["admin_access"] is False  # the trainer cannot open a learner's server


def test_each_account_runs_its_own_server_from_the_workshop_environment():
    c = hub_config(_settings())
    assert c["JupyterHub"]["spawner_class"] == "localprocess"  # started as the account itself
    assert c["Spawner"]["cmd"] == ["/opt/ws/.venv-workshop/bin/python", "-m", "tiering_lib.workshop.singleuser"]
    assert c["Spawner"]["default_url"] == "/lab/tree/00_导读.ipynb"
    assert c["Spawner"]["environment"]["PATH"].startswith("/opt/ws/.venv-workshop/bin:")
    assert "TIERING_KERNEL_IDLE_SECONDS" not in c["Spawner"]["environment"]  # the shipped lab_settings apply
    assert _settings(kernel_idle_seconds=90).kernel_idle_seconds == 90
    assert hub_config(_settings(kernel_idle_seconds=90))["Spawner"]["environment"]["TIERING_KERNEL_IDLE_SECONDS"] == "90"


def test_only_the_proxy_listens_beyond_this_machine_and_only_when_asked():
    local = hub_config(_settings(port=8000))
    assert local["JupyterHub"]["bind_url"] == "http://127.0.0.1:8000/"
    assert local["JupyterHub"]["hub_ip"] == "127.0.0.1"
    assert local["ConfigurableHTTPProxy"]["api_url"].startswith("http://127.0.0.1:")
    board = next(s for s in local["JupyterHub"]["services"] if s["name"] == BOARD)
    assert board["url"].startswith("http://127.0.0.1:")
    room = hub_config(_settings(host="0.0.0.0", port=8001))
    assert room["JupyterHub"]["bind_url"] == "http://0.0.0.0:8001/"
    assert room["JupyterHub"]["hub_ip"] == "127.0.0.1"


def test_services_get_only_the_scopes_they_need():
    c = hub_config(_settings(server_idle_seconds=1800))
    roles = {r["name"]: r for r in c["JupyterHub"]["load_roles"]}
    assert set(roles["progress-board"]["scopes"]) == {"list:users", "read:users"}
    assert "delete:servers" in roles["idle-culler"]["scopes"] and "admin:users" not in roles["idle-culler"]["scopes"]
    culler = next(s for s in c["JupyterHub"]["services"] if s["name"] == "idle-culler")
    assert "--timeout=1800" in culler["command"]
    assert ADMIN_API not in {s["name"] for s in c["JupyterHub"]["services"]}  # only benchmarks add it
    with_api = hub_config(_settings(admin_api_token="t" * 32))
    assert {"name": ADMIN_API, "api_token": "t" * 32} in with_api["JupyterHub"]["services"]


def test_secrets_and_database_live_in_the_state_folder():
    c = hub_config(_settings())
    state = "/srv/工作坊/state"
    assert c["JupyterHub"]["db_url"] == f"sqlite:///{state}/jupyterhub.sqlite"
    assert c["JupyterHub"]["cookie_secret_file"].startswith(state)
    assert c["JupyterHub"]["pid_file"] == f"{state}/hub.pid"
