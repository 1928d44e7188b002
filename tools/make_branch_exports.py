"""Make the synthetic branch exports of ``data/`` (and large ones for the benchmark).

Everything here is fake.  Balances come from :func:`tiering_lib.suzhou_population`
(the Suzhou February-2012 balance structure, scaled down); people are drawn at random:

* customer numbers ``93010000001`` … (a made-up branch prefix ``9301``);
* names: a common surname and one or two common given-name characters;
* ID-card numbers: 18 characters with a valid check digit but region code ``9xxxxx``,
  which no Chinese region has, so none can be a real person's number;
* phone numbers: 11 digits starting ``10``, a prefix no Chinese mobile network uses.

Run from the repository root to rewrite the three sample files (the result is the same
every time for the same seed)::

    python tools/make_branch_exports.py

``branch_export_clean.csv``: GBK (as Chinese Excel saves a CSV), Chinese headers,
every row good.  ``branch_export_messy.csv``: UTF-8 with BOM, a title line, other
header synonyms, amounts with thousands separators, 万 suffixes, full-width digits,
and one bad row of each kind the loader rejects.  ``branch_export_cards.csv``: UTF-8,
keyed by card number (卡号), with a 客户经理 column and a free-text 备注 column whose notes
hold names, phone and ID-card numbers — the sample of notebook 09's privacy section.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import numpy as np

from tiering_lib import SYNTH_SEED, fen_to_unit, suzhou_population

#: Default seed of every export made here (the Suzhou report's date, as SYNTH_SEED).
EXPORT_SEED = SYNTH_SEED
#: Scales of the two samples against the Suzhou population (1 : scale).
CLEAN_SCALE, MESSY_SCALE, CARDS_SCALE = 20_000, 50_000, 100_000

DATA = Path(__file__).resolve().parent.parent / "data"
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈")
GIVEN = list("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国玉红文辉志新春梅海燕鹏飞云峰林琳雪晨宇浩然欣怡")
_ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
_ID_CHECK = np.array(list("10X98765432"))


def fake_people(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Customer numbers, names, ID-card and phone numbers for ``n`` fake customers."""
    ids = np.char.add("9301", np.char.zfill(np.arange(1, n + 1).astype(str), 7))
    surname = np.array(SURNAMES)[rng.integers(0, len(SURNAMES), n)]
    given = np.array(GIVEN)[rng.integers(0, len(GIVEN), (n, 2))]
    two = rng.random(n) < 0.6
    names = np.char.add(surname, np.where(two, np.char.add(given[:, 0], given[:, 1]), given[:, 0]))
    region = 900_000 + rng.integers(0, 100_000, n)
    birth = (
        np.datetime64("1940-01-01") + rng.integers(0, 65 * 365, n).astype("timedelta64[D]")
    ).astype(str)
    body = np.char.add(
        np.char.add(region.astype(str), np.char.replace(birth, "-", "")),
        np.char.zfill(rng.integers(1, 1000, n).astype(str), 3),
    )
    digits = np.frombuffer(body.astype("S17").tobytes(), dtype=np.uint8).reshape(n, 17) - ord("0")
    check = _ID_CHECK[(digits * _ID_WEIGHTS).sum(axis=1) % 11]
    cards = np.char.add(body, check)
    phones = np.char.add(
        np.char.add("10", rng.integers(0, 10, n).astype(str)), np.char.zfill(rng.integers(0, 10**8, n).astype(str), 8)
    )
    return {"id": ids, "name": names, "card": cards, "phone": phones}


def yuan(fen: int) -> str:
    """``1234567`` 分 → ``'12345.67'``."""
    return f"{fen // 100}.{fen % 100:02d}"


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def clean_export(seed: int = EXPORT_SEED) -> bytes:
    """The clean sample: GBK, headers 客户号/客户姓名/证件号码/手机号码/存款余额(元)."""
    rng = np.random.default_rng(seed)
    balances = suzhou_population(scale=CLEAN_SCALE, seed=seed)
    p = fake_people(rng, balances.size)
    rows = [["客户号", "客户姓名", "证件号码", "手机号码", "存款余额（元）"]]
    rows += [[p["id"][i], p["name"][i], p["card"][i], p["phone"][i], yuan(int(b))] for i, b in enumerate(balances)]
    return _csv(rows).encode("gbk")


_FULL = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


def _grouped(fen: int) -> str:
    return f"{fen // 100:,}.{fen % 100:02d}"


def _messy_amount(fen: int, style: int) -> str:
    """One balance written in one of five styles an export may use."""
    if style == 1:
        return _grouped(fen)  # 12,345.67
    if style == 2 and fen % 10_000 == 0 and fen >= 1_000_000:
        return f"{fen_to_unit(fen, '万元')}万"  # 12.5万 (whole 百元 only, so it stays exact)
    if style == 3:
        return _grouped(fen).translate(_FULL)  # １２，３４５．６７
    if style == 4:
        return f"￥{_grouped(fen)}元"
    return yuan(fen)


def messy_export(seed: int = EXPORT_SEED) -> bytes:
    """The messy sample: UTF-8 with BOM, a title line, mixed amount styles and one bad row of each kind."""
    rng = np.random.default_rng(seed + 1)
    balances = suzhou_population(scale=MESSY_SCALE, seed=seed + 1)
    styles = rng.integers(0, 5, balances.size)
    # Most balances of 1万 and more are written as 万 (rounded to whole 百元, as such exports are).
    styles = np.where((balances >= 1_000_000) & (rng.random(balances.size) < 0.7), 2, styles)
    balances = np.where(styles == 2, balances // 10_000 * 10_000, balances)
    p = fake_people(rng, balances.size)
    branches = np.array(["城东支局", "城西支局", "新区营业所"])[rng.integers(0, 3, balances.size)]
    rows: list[list[str]] = [
        ["某某支局客户日均余额明细（模拟数据，仅供培训）"],
        ["客户编号", "户名", "身份证号", "联系电话", "日均余额", "开户网点"],
    ]
    for i, b in enumerate(balances):
        rows.append([p["id"][i], p["name"][i], p["card"][i], p["phone"][i], _messy_amount(int(b), int(styles[i])), branches[i]])
    n = len(rows)
    bad = rng.choice(np.arange(4, n - 2), size=9, replace=False).tolist()
    extra = fake_people(np.random.default_rng(seed + 2), 7)

    def person(k: int) -> list[str]:
        return [extra["id"][k].replace("9301", "9302"), extra["name"][k], extra["card"][k], extra["phone"][k]]

    bad_rows = {
        bad[0]: person(0) + ["", "城东支局"],  # empty balance
        bad[1]: person(1) + ["待核实", "城西支局"],  # not a number
        bad[2]: person(2) + ["-1,200.00", "城东支局"],  # negative
        bad[3]: person(3) + ["1.23457E+11", "新区营业所"],  # scientific notation
        bad[4]: ["", extra["name"][4], extra["card"][4], extra["phone"][4], "3000.00", "城西支局"],  # no id
        bad[5]: rows[3][:4] + [yuan(int(balances[1]) + 50_000), rows[3][5]],  # same id, other balance
        bad[6]: list(rows[5]),  # an exact duplicate of a row
        bad[7]: [],  # an empty line
        bad[8]: person(5) + ["12.345", "新区营业所"],  # finer than 1 分
    }
    out: list[list[str]] = []
    for k, row in enumerate(rows):
        out.append(row)
        if k in bad_rows:
            out.append(bad_rows[k])
    text = _csv(out)
    # A row whose amount has an unquoted thousands separator (one cell too many),
    # as a hand-edited file has, and a total row at the end.
    unquoted = ",".join(person(6)[:4] + ["56,000.00", "城东支局"]) + "\r\n"
    total = f"合计,,,,{yuan(int(balances.sum()))},\r\n"
    lines = text.splitlines(keepends=True)
    lines.insert(len(lines) // 2, unquoted)
    return ("".join(lines) + total).encode("utf-8-sig")


def _card_numbers(rng: np.random.Generator, n: int) -> np.ndarray:
    """Made-up 19-digit card numbers starting ``9999``, all different."""
    body = rng.choice(10**15, size=n, replace=False)
    return np.char.add("9999", np.char.zfill(body.astype(str), 15))


def _cards_note(rng: np.random.Generator, other: dict[str, np.ndarray], k: int) -> str:
    """A free-text note of the kind staff type into 备注: some name people or hold their numbers."""
    kind = int(rng.integers(0, 7))
    return [
        "客户要求只用电话联系",
        f"配偶{other['name'][k]}也在本网点开户",
        f"联系人{other['name'][k]}，电话{other['phone'][k]}",
        "代发工资户",
        f"证件{other['card'][k]}下月到期，待更新",
        "家住城东新村，周末方便来网点",
        "定期存款下月到期，已提醒",
    ][kind]


def cards_export(seed: int = EXPORT_SEED) -> bytes:
    """The card-keyed sample: UTF-8, 卡号 as the customer key, 客户经理 and a free-text 备注 column.

    One card appears twice with different balances, one balance is 待核实 and one is
    empty, each with a 备注 that names a person: the rejected rows show what the report
    hides.
    """
    rng = np.random.default_rng(seed + 3)
    balances = suzhou_population(scale=CARDS_SCALE, seed=seed + 3)
    n = balances.size
    p = fake_people(rng, n)
    cards = _card_numbers(rng, n)
    other = fake_people(np.random.default_rng(seed + 4), n + 3)
    managers = fake_people(np.random.default_rng(seed + 5), 3)["name"]
    noted = rng.random(n) < 0.3
    rows = [["卡号", "户名", "联系电话", "账户余额（元）", "客户经理", "备注"]]
    for i, b in enumerate(balances):
        manager = managers[i % 3] if b >= 5_000_000 else ""
        note = _cards_note(rng, other, i) if noted[i] else ""
        rows.append([cards[i], p["name"][i], p["phone"][i], yuan(int(b)), manager, note])
    k = n  # people of the bad rows: the last entries of ``other``
    bad = [
        [cards[2], p["name"][2], p["phone"][2], yuan(int(balances[2]) + 1_000_000), "",
         f"柜员{other['name'][k]}补录，余额待核对"],  # the same card, another balance
        [_card_numbers(np.random.default_rng(seed + 6), 1)[0], other["name"][k + 1], other["phone"][k + 1], "待核实",
         managers[0], f"客户{other['name'][k + 1]}称有一笔定期未到账"],
        [_card_numbers(np.random.default_rng(seed + 7), 1)[0], other["name"][k + 2], other["phone"][k + 2], "", "",
         f"新开户，联系电话{other['phone'][k + 2]}"],
    ]
    positions = sorted(rng.choice(np.arange(5, n), size=len(bad), replace=False).tolist(), reverse=True)
    for at, row in zip(positions, bad):
        rows.insert(at, row)
    return _csv(rows).encode("utf-8")


def large_export(
    path: str | Path, n_rows: int, seed: int = EXPORT_SEED, messy_share: float = 0.0, chunk: int = 200_000
) -> Path:
    """Write a GBK export of ``n_rows`` customers (for the benchmark), in chunks.

    A share ``messy_share`` of the balances is written in the messy sample's other styles
    (thousands separators, 万, full-width digits, ￥…元), and one row in a thousand of
    those is "待核实" (rejected by the loader).
    """
    path = Path(path)
    rng = np.random.default_rng(seed)
    scale = max(1, 7_439_432 // max(n_rows, 1))
    balances = suzhou_population(scale=scale, seed=seed)
    while balances.size < n_rows:
        scale = max(1, scale - 1)
        balances = suzhou_population(scale=scale, seed=seed)
    balances = balances[:n_rows]
    with open(path, "wb") as f:
        f.write("客户号,客户姓名,证件号码,手机号码,存款余额(元)\r\n".encode("gbk"))
        for start in range(0, n_rows, chunk):
            part = balances[start : start + chunk]
            p = fake_people(rng, part.size)
            p["id"] = np.char.add("93", np.char.zfill(np.arange(start + 1, start + part.size + 1).astype(str), 9))
            amounts = np.char.add(np.char.add((part // 100).astype(str), "."), np.char.zfill((part % 100).astype(str), 2))
            amounts = amounts.astype(object)
            for i in np.flatnonzero(rng.random(part.size) < messy_share).tolist():
                text = _messy_amount(int(part[i]), int(rng.integers(1, 5))) if rng.random() > 0.001 else "待核实"
                amounts[i] = f'"{text}"' if "," in text else text
            lines = [",".join(r) for r in zip(p["id"], p["name"], p["card"], p["phone"], amounts)]
            f.write(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return path


def main(argv: list[str] | None = None) -> int:
    folder = Path(argv[0]) if argv else DATA
    samples = (
        ("branch_export_clean.csv", clean_export()),
        ("branch_export_messy.csv", messy_export()),
        ("branch_export_cards.csv", cards_export()),
    )
    for name, data in samples:
        (folder / name).write_bytes(data)
        print(f"{name}: {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
