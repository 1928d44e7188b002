"""The trainer's progress board: a JupyterHub service at ``/services/board/``, for hub admins only.

The hub starts it (``python -m tiering_lib.workshop.board``) with its own API token; visitors log in through
the hub (Hub OAuth).  Only admins hold the scope to reach it (``access:services`` is in JupyterHub's admin
role, not in the user role), and the board checks the admin flag again, so a learner asking for it is
refused.  The page shows one row per learner and, per chapter, exercises done / right / answer shown
(:mod:`tiering_lib.workshop.board_data`), and fetches its table again every few seconds, so it follows
the learners' saved progress live.
"""

from __future__ import annotations

import json
import os
from typing import Any

from tiering_lib.display import escape
from tiering_lib.workshop.board_data import learner_rows

__all__ = ["REFRESH_SECONDS", "table_html", "page_html", "make_app", "main"]

REFRESH_SECONDS = 5

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>学员进度看板</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 1.5em; }}
table {{ border-collapse: collapse; font-size: 14px; }}
th, td {{ border: 1px solid #ccc; padding: 4px 8px; text-align: center; white-space: nowrap; }}
th {{ background: #f0f0f0; }} td.who {{ text-align: left; }}
td.none {{ color: #999; }} td.some {{ background: #fff7d6; }} td.all {{ background: #d9f2d9; }}
.shown {{ color: #b26b00; }} .problem {{ color: #b22222; }}
</style></head>
<body>
<h1>学员进度看板</h1>
<p>每格：已做/练习数，答对几题，看过几题答案（◎）。鼠标停在格子上可看每题的标记（{legend}）。
本页每 {refresh} 秒自动更新，读的是学员保存的进度。</p>
<div id="board">{table}</div>
<script>
setInterval(async () => {{
  const r = await fetch("table", {{credentials: "same-origin"}});
  if (r.ok) document.getElementById("board").innerHTML = await r.text();
}}, {refresh_ms});
</script>
</body></html>
"""


def _cell(chapter: dict[str, Any]) -> str:
    done, total = chapter["done"], chapter["exercises"]
    css = "none" if done == 0 else ("all" if chapter["correct"] == total else "some")
    marks = "　".join(f"{i}{m}" for i, m in chapter["marks"].items())
    shown = f' <span class="shown">◎{chapter["shown"]}</span>' if chapter["shown"] else ""
    return (f'<td class="{css}" title="{escape(marks)}" data-chapter="{chapter["chapter"]}">'
            f'{done}/{total}　对 {chapter["correct"]}{shown}</td>')


def table_html(rows: list[dict[str, Any]]) -> str:
    """The board's table for :func:`tiering_lib.workshop.board_data.learner_rows` rows.

    Examples
    --------
    >>> from tiering_lib.workshop.board_data import learner_rows
    >>> html = table_html(learner_rows(["learner01"]))
    >>> "学员01" in html and "<table" in html
    True
    """
    if not rows:
        return "<p>还没有学员账户。</p>"
    chapters = rows[0]["chapters"]
    head = "".join(f'<th title="{escape(c["title"])}">{escape(c["chapter"])}</th>' for c in chapters)
    body = []
    for row in rows:
        who = f'{escape(row["display"])}（{escape(row["name"])}）'
        if row["problem"]:
            who += f' <span class="problem">{escape(row["problem"])}</span>'
        total = f'{row["done"]} 题　对 {row["correct"]}　◎{row["shown"]}'
        cells = "".join(_cell(c) for c in row["chapters"])
        body.append(f'<tr data-learner="{escape(row["name"])}"><td class="who">{who}</td><td>{total}</td>{cells}</tr>')
    return f'<table><tr><th>学员</th><th>合计</th>{head}</tr>\n' + "\n".join(body) + "\n</table>"


def page_html(rows: list[dict[str, Any]]) -> str:
    """The whole board page (its table refreshes itself every :data:`REFRESH_SECONDS` seconds)."""
    from tiering_lib.course.progress import LEGEND

    return _PAGE.format(legend=escape(LEGEND), refresh=REFRESH_SECONDS, refresh_ms=REFRESH_SECONDS * 1000,
                        table=table_html(rows))


def make_app():
    """The tornado application of the board (needs the environment the hub gives a service)."""
    from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
    from jupyterhub.utils import url_path_join
    from tornado import web
    from tornado.httpclient import AsyncHTTPClient

    prefix = os.environ["JUPYTERHUB_SERVICE_PREFIX"]
    api_url = os.environ["JUPYTERHUB_API_URL"]

    class _Board(HubOAuthenticated, web.RequestHandler):
        async def learners(self) -> list[str]:
            response = await AsyncHTTPClient().fetch(
                url_path_join(api_url, "users"),
                headers={"Authorization": f"token {self.hub_auth.api_token}"},
            )
            return [u["name"] for u in json.loads(response.body) if not u.get("admin")]

        def admin_only(self) -> None:
            if not (self.current_user or {}).get("admin"):
                raise web.HTTPError(403, "只有讲师（管理员）能看进度看板。")

        def write_error(self, status_code: int, **kwargs: Any) -> None:
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(f"{status_code}：只有讲师（管理员）能看进度看板。" if status_code == 403 else str(status_code))

    class Page(_Board):
        @web.authenticated
        async def get(self) -> None:
            self.admin_only()
            self.finish(page_html(learner_rows(await self.learners())))

    class Table(_Board):
        @web.authenticated
        async def get(self) -> None:
            self.admin_only()
            self.finish(table_html(learner_rows(await self.learners())))

    class Progress(_Board):
        @web.authenticated
        async def get(self) -> None:
            self.admin_only()
            self.set_header("Content-Type", "application/json; charset=utf-8")
            self.finish(json.dumps(learner_rows(await self.learners()), ensure_ascii=False))

    return web.Application([
        (prefix, Page),
        (url_path_join(prefix, "table"), Table),
        (url_path_join(prefix, "api/progress"), Progress),
        (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
    ], cookie_secret=os.urandom(32))


def main() -> None:
    """Serve the board where the hub says (``JUPYTERHUB_SERVICE_URL``), until stopped."""
    import asyncio
    from urllib.parse import urlparse

    url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])

    async def serve() -> None:
        make_app().listen(url.port, url.hostname)
        await asyncio.Event().wait()

    asyncio.run(serve())


if __name__ == "__main__":
    main()
