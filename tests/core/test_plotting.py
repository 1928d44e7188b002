"""Plots are checked through the Axes they return, and Chinese text must render with a real font."""

import io

import matplotlib
import matplotlib.pyplot as plt
import pytest
from helpers.plots import render

import tiering_lib as tl


def test_bundled_font_covers_every_label(suzhou_bands, three):
    from matplotlib import font_manager

    path = font_manager.findfont(font_manager.FontProperties())  # the default font after the call
    assert path.endswith("NotoSansSC-Regular.otf")
    ax = tl.plot_shares(tl.reaggregate(suzhou_bands, three))
    assert render(ax).startswith(b"\x89PNG")


def test_without_a_cjk_font_the_check_would_fail():
    # the same rendering with DejaVu only must warn: proves the test above can fail
    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        fig, ax = plt.subplots()
        ax.set_title("户数占比")
        with pytest.warns(UserWarning, match="missing from font"):
            fig.savefig(io.BytesIO(), format="png")


def test_plot_shares_bars_are_the_shares(suzhou_bands, three):
    t = tl.reaggregate(suzhou_bands, three)
    ax = tl.plot_shares(t)
    widths = [round(p.get_width(), 3) for p in ax.patches]
    # display order A, B, C; households first, then amounts
    assert widths == [0.114, 12.247, 87.639, 9.535, 80.073, 10.392]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A类客户（20万以上）", "B类客户（1-20万）", "C类客户（0-1万）"]
    assert ax.get_legend().get_texts()[0].get_text() == "户数占比"
    render(ax)


def test_plot_lorenz_banded_and_customer_level(suzhou_bands, pop_small):
    ax = tl.plot_lorenz(suzhou_bands)
    line = ax.get_lines()[0]
    assert line.get_xdata()[0] == 0 and line.get_ydata()[-1] == pytest.approx(1)
    assert "基尼系数 0.809" in ax.get_legend().get_texts()[0].get_text()
    tl.plot_lorenz(tl.SortedBalances(pop_small), ax=ax)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels.count("绝对平均线") == 1 and len(ax.get_lines()) == 3
    render(ax)


def test_plot_average_balance_and_profile(suzhou_bands):
    ax = tl.plot_average_balance(suzhou_bands)
    assert ax.get_yscale() == "log"
    assert [round(float(p.get_height())) for p in ax.patches] == [495, 18981, 74456, 292045, 2086886]
    formatter = ax.yaxis.get_major_formatter()
    assert [formatter(v, 0) for v in (1_000, 10_000, 1_000_000)] == ["1千", "1万", "100万"]  # not 10³
    render(ax)
    ax = tl.plot_customer_profile(tl.load_customer_profile(), "group", title="客群")
    assert len(ax.patches) == 4 and ax.get_title() == "客群"
    render(ax)
    with pytest.raises(ValueError):
        tl.plot_customer_profile(tl.load_customer_profile(), "nothing")


def test_plot_deposit_profit():
    r = tl.deposit_profit(profile=tl.DECK_PROFILE)
    ax = tl.plot_deposit_profit(r)
    right = ax.figure.axes[1]
    heights = [round(p.get_height(), 3) for p in right.patches]
    assert heights == [round(float(r.profit_year1), 3), round(float(r.profit_year2), 3), 46.0]
    assert [round(p.get_height()) for p in ax.patches][-1] == 585
    render(ax)
