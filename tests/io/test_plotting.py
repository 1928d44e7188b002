"""Charts of a branch export, checked through the Axes they return (and rendered without missing glyphs)."""


from helpers.exports import csv_bytes
from helpers.plots import render

import tiering_lib as tl


def test_rejections_bars_are_the_counts():
    rows = [["客户号", "余额"], ["K1", "x"], ["K2", "-1"], ["K3", "y"], ["K4", "5"], ["", "1"]]
    result = tl.load_branch_export(csv_bytes(rows), name="t.csv")
    ax = tl.plot_rejections(result)
    assert [p.get_width() for p in ax.patches] == [1, 2, 1]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["客户号为空", "余额不是数字", "余额为负数"]
    assert ax.get_title() == "问题数据：4 行，按原因统计"
    render(ax)


def test_rejections_of_a_clean_file_say_so():
    ax = tl.plot_rejections(tl.load_sample_export("clean"))
    assert ax.texts[0].get_text() == "没有问题数据：每一行都被采用"
    render(ax)


def test_balance_histogram_counts_every_customer_and_marks_the_thresholds():
    rows = [["客户号", "余额"], ["K1", "0"], ["K2", "500"], ["K3", "3万"], ["K4", "60万"]]
    result = tl.load_branch_export(csv_bytes(rows), name="t.csv")
    scheme = tl.builtin_scheme("core_four_class")
    ax = tl.plot_balance_histogram(result, scheme)
    assert sum(p.get_height() for p in ax.patches) == 4
    assert [line.get_xdata()[0] for line in ax.get_lines()] == [10_000, 50_000, 200_000, 500_000]
    assert [t.get_text() for t in ax.texts] == ["C ≥ 1万", "B ≥ 5万", "A2 ≥ 20万", "A1 ≥ 50万"]
    assert ax.get_xscale() == "log"
    assert ax.get_xlabel() == "余额（元，对数刻度）；不足 1 元的 1 户计入最左一格"
    render(ax)
