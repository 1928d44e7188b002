"""In a real kernel, the library's own errors are one short Chinese box; a genuine bug keeps its traceback."""

from __future__ import annotations

import nbformat
from nbclient import NotebookClient


def _run(*sources: str):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True).execute()
    return [c.outputs for c in nb.cells]


def test_library_error_is_a_short_box_and_a_bug_a_full_traceback():
    anticipated, bug = _run(
        'import tiering_lib as tl\ntl.load_branch_export("没有这个文件.csv")',
        "import tiering_lib as tl\n1 / 0",
    )
    [error] = anticipated
    assert error.output_type == "error" and error.ename == "BranchFileError"
    assert len(error.traceback) == 3 and "出错了" in error.traceback[0] and "没有这个文件.csv" in error.traceback[1]
    shown = "\n".join(error.traceback)
    assert "File " not in shown and "loader.py" not in shown and "Traceback" not in shown
    [crash] = bug
    assert crash.ename == "ZeroDivisionError" and len(crash.traceback) > 3 and "出错了" not in "".join(crash.traceback)
