"""Account names, passwords, login slips; with root, real Linux accounts made and removed."""

from __future__ import annotations

import grp
import os
import pwd
import random
import subprocess

import pytest

from tiering_lib.errors import TieringError
from tiering_lib.workshop.accounts import (LEARNERS, TRAINERS, Account, create_accounts, display_name, group_members,
                                           learner_names, new_password, read_accounts, remove_accounts)
from tiering_lib.workshop.slips import slips_html, write_slips


def test_learner_names_are_valid_linux_names_in_order():
    assert learner_names(12)[-1] == "learner12"
    assert learner_names(120)[:2] == ["learner001", "learner002"]
    assert display_name("learner07") == "学员07"
    with pytest.raises(TieringError, match="1 到 200"):
        learner_names(0)
    with pytest.raises(TieringError, match="小写英文字母"):
        learner_names(3, prefix="学员")


def test_passwords_are_random_readable_and_differ():
    passwords = {new_password() for _ in range(200)}
    assert len(passwords) == 200
    for p in passwords:
        assert len(p) == 14 and p.count("-") == 2
        assert not set(p) & set("01lIoO")
    assert new_password(random.Random(5)) == new_password(random.Random(5))


def test_slips_have_one_cut_out_slip_per_new_password_with_address_account_and_password(tmp_path):
    accounts = [
        Account("trainer", "讲师（trainer）", True, "aaaa-bbbb-cccc"),
        Account("learner01", "学员01", False, "dddd-eeee-ffff"),
        Account("learner02", "<b>学员02</b>", False, "gggg-hhhh-iiii"),
        Account("learner03", "学员03", False, None),  # password unchanged: no slip
    ]
    page = slips_html(accounts, "http://10.0.0.5:8000/")
    assert page.count('class="slip"') == 3 and "border: 1px dashed" in page
    assert page.count("http://10.0.0.5:8000/") == 3
    assert "dddd-eeee-ffff" in page and "learner03" not in page
    assert "<b>学员02</b>" not in page and "&lt;b&gt;学员02" in page
    assert 'class="who trainer"' in page
    path = write_slips(tmp_path / "s" / "登录条.html", accounts, "http://10.0.0.5:8000/")
    assert oct(path.stat().st_mode & 0o777) == "0o600"


root_only = pytest.mark.skipif(os.geteuid() != 0, reason="creating Linux accounts needs root")


def _pam_ok(name, password):
    import pamela

    try:
        pamela.authenticate(name, password, service="login")
    except pamela.PAMError:
        return False
    return True


@root_only
def test_accounts_are_private_linux_users_that_log_in_with_their_password_and_are_removed(tmp_path):
    state = tmp_path / "state"
    try:
        made = create_accounts(state, 2, prefix="wsu", trainer="wsutrainer")
        assert [a.name for a in made] == ["wsutrainer", "wsu01", "wsu02"]
        assert [a["name"] for a in read_accounts(state)] == ["wsutrainer", "wsu01", "wsu02"]
        assert {"wsu01", "wsu02"} <= set(group_members(LEARNERS)) and "wsutrainer" in group_members(TRAINERS)
        assert "wsu01" not in group_members(TRAINERS)
        for account in made:
            entry = pwd.getpwnam(account.name)
            assert oct(os.stat(entry.pw_dir).st_mode & 0o777) == "0o700"
            assert grp.getgrgid(entry.pw_gid).gr_name == account.name  # a group of its own, not a shared one
            assert _pam_ok(account.name, account.password)
            assert not _pam_ok(account.name, account.password + "x")
        again = create_accounts(state, 2, prefix="wsu", trainer="wsutrainer")
        assert not _pam_ok("wsu01", made[1].password) and _pam_ok("wsu01", again[1].password)  # old slips stop working
    finally:
        removed = remove_accounts(state)
    assert sorted(removed) == ["wsu01", "wsu02", "wsutrainer"]
    for name in removed:
        with pytest.raises(KeyError):
            pwd.getpwnam(name)
    assert not os.path.exists("/home/wsu01")


@root_only
def test_an_existing_account_that_is_not_the_workshops_is_never_taken_over(tmp_path):
    subprocess.run(["useradd", "--create-home", "wsv01"], check=True)
    try:
        with pytest.raises(TieringError, match="不是工作坊建立的"):
            create_accounts(tmp_path, 1, prefix="wsv", trainer=None)
        assert remove_accounts(tmp_path, ["wsv01"]) == []  # not a workshop account: left alone
        pwd.getpwnam("wsv01")
    finally:
        subprocess.run(["userdel", "--remove", "wsv01"], capture_output=True)
