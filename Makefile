# 客户分层工作手册 — the two commands a learner needs are `make lab` and `make test`.
# Everything installs into the project's own virtual environment .venv/, with the exact
# versions of requirements/constraints.txt, so stored notebook outputs reproduce.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
FIRST  := notebooks/00_导读.ipynb
NB     ?= notebooks/*.ipynb
# JupyterLab refuses to run as root unless told; learners are not root, CI is.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test bench notebooks editions lock wheelhouse clean help

help:
	@echo "make lab        安装环境并在 JupyterLab 中打开第一个笔记本 (install, then open the first notebook)"
	@echo "make test       安装环境并运行全部测试 (install, then run every test: unit, nbval, browser)"
	@echo "make bench      运行性能基准 (benchmarks on the full-scale synthetic population)"
	@echo "make notebooks  从头运行笔记本并保存输出 (re-execute notebooks, store outputs)"
	@echo "make editions   生成学员版和讲师版 (build the learner and trainer editions)"
	@echo "make wheelhouse 为离线安装准备全部 wheel (every pinned wheel for Windows, macOS, Linux)"

$(STAMP): pyproject.toml requirements/constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "需要 Python 3.11 或更高版本 (Python >= 3.11 is required)")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "无法创建虚拟环境。Debian/Ubuntu 上请先运行: sudo apt install python3-venv"; \
	  echo "(could not create the virtual environment; on Debian/Ubuntu install python3-venv first)"; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt -e ".[test,spark]"
	@touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.open_browser=True $(ROOT_FLAG) "$(FIRST)"

test: $(STAMP)
	@# build matplotlib's font cache first: on a new machine its "building the font cache" message
	@# would otherwise land in the first notebook's stored-output comparison
	@$(BIN)/python -c "import matplotlib.font_manager"
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

notebooks: $(STAMP)
	$(BIN)/python tools/execute_notebooks.py $(NB)

editions: $(STAMP)
	$(BIN)/python -m tiering_lib editions --source notebooks --out build/editions

# Refresh the exact versions after changing dependencies in pyproject.toml: every package CI installs, plus
# what Windows and macOS learners' installs add (tools/lock.py).
lock: $(STAMP)
	$(BIN)/python tools/lock.py

# One folder of every pinned wheel a learner needs on Windows, macOS (Apple silicon) and Linux, for a USB stick
# (offline install: see the README).
wheelhouse: $(STAMP)
	$(BIN)/python tools/wheelhouse.py build/wheelhouse

clean:
	rm -rf build $(VENV)
