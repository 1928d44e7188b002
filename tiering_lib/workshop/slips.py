"""Login slips: one printable page, one slip per account (address, account, password), with cut lines.

The page holds passwords, so it is written readable by root only (mode 0600); print it, cut along the dashed
lines, hand each learner their slip, and delete the file (``workshop accounts`` prints where it is).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from tiering_lib.display import escape
from tiering_lib.workshop.accounts import Account

__all__ = ["slips_html", "write_slips"]

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>客户分层工作坊：登录条</title>
<style>
@page {{ size: A4; margin: 10mm; }}
body {{ font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 0; }}
.note {{ margin: 8mm 0; font-size: 11pt; }}
.slips {{ display: grid; grid-template-columns: 1fr 1fr; }}
.slip {{ border: 1px dashed #555; padding: 5mm 6mm; height: 62mm; box-sizing: border-box;
         break-inside: avoid; page-break-inside: avoid; font-size: 12pt; line-height: 1.6; }}
.slip h2 {{ font-size: 13pt; margin: 0 0 2mm 0; }}
.slip .who {{ font-size: 15pt; font-weight: bold; }}
.slip code {{ font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 14pt; letter-spacing: 0.05em; }}
.slip .trainer {{ color: #b22222; }}
.slip small {{ color: #444; font-size: 9pt; }}
@media print {{ .note {{ display: none; }} }}
</style></head>
<body>
<p class="note">共 {count} 张登录条。打印后沿虚线剪开，每位学员一张；讲师的登录条（红字）请自己保管。
这一页有全部密码：打印后请删除本文件，不要用邮件或聊天工具发送。下一期培训请重新生成账户和密码，不要重复使用旧的登录条。</p>
<div class="slips">
{slips}
</div>
</body></html>
"""

_SLIP = """<div class="slip"><h2>客户分层工作坊 · 登录条</h2>
<div class="who{css}">{display}</div>
地址：<code>{address}</code><br>
账户：<code>{name}</code><br>
密码：<code>{password}</code><br>
<small>用浏览器（Chrome、Edge 或 Firefox）打开地址，输入账户和密码后点“Sign in”（登录）。
你的练习保存在你自己的文件夹里，别人看不到；请不要把密码告诉别人。</small></div>"""


def slips_html(accounts: Iterable[Account], address: str) -> str:
    """The printable page of login slips for ``accounts`` (each with its password) at ``address``.

    Examples
    --------
    >>> page = slips_html([Account("learner01", "学员01", False, "abcd-efgh-ijkm")], "http://192.0.2.7:8000/")
    >>> page.count('class="slip"'), "abcd-efgh-ijkm" in page, "学员01" in page
    (1, True, True)
    """
    slips = []
    for account in accounts:
        if account.password is None:
            continue  # an account whose password was not changed now has no slip to print
        slips.append(_SLIP.format(
            css=" trainer" if account.trainer else "",
            display=escape(account.display),
            address=escape(address),
            name=escape(account.name),
            password=escape(account.password),
        ))
    return _PAGE.format(count=len(slips), slips="\n".join(slips))


def write_slips(path: str | Path, accounts: Iterable[Account], address: str) -> Path:
    """Write the slips page to ``path`` readable by its owner only; return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(slips_html(accounts, address))
    os.chmod(path, 0o600)
    return path
