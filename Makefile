# 客户分层工作手册 — a learner needs `make lab`; a maintainer `make test`.
# Everything installs into the project's own virtual environment .venv/, with the exact
# versions of requirements/constraints.txt, so stored notebook outputs reproduce. `make lab`
# installs only what a learner needs; the test, browser, Spark and build tools come with the
# targets that use them.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# What a learner needs (the project and its dependencies) and what a maintainer adds (tests, Spark, tools).
STAMP  := $(VENV)/.installed
DEV    := $(VENV)/.installed-dev
NB     ?= notebooks/*.ipynb
# Slides and handouts (tools/handouts/): reveal.js and mermaid come from the npm packages pinned in
# tools/handouts/package-lock.json, installed by `npm ci` (needs Node.js and npm); Chromium prints the PDFs.
HANDOUTS  := PYTHONPATH=tools $(BIN)/python -m handouts
NPM_STAMP := tools/handouts/node_modules/.installed

.PHONY: lab lab-trainer test bench notebooks editions slides handouts slide-types lock wheelhouse clean help \
	workshop workshop-install workshop-accounts workshop-stop workshop-remove-accounts bench-workshop

help:
	@echo "make lab        安装环境，在中文 JupyterLab 中打开学员版（练习文件夹“我的练习”，从 00_导读 开始）"
	@echo "make lab-trainer  打开讲师版（练习文件夹“讲师版”，含参考答案和讲师提示）"
	@echo "make test       安装环境并运行全部测试 (install, then run every test: unit, nbval, browser)"
	@echo "make bench      运行性能基准 (benchmarks on the full-scale synthetic population)"
	@echo "make notebooks  从头运行笔记本并保存输出 (re-execute notebooks, store outputs)"
	@echo "make editions   生成学员版和讲师版 (build the learner and trainer editions)"
	@echo "make slides     每章一套离线幻灯片 build/slides/ (a reveal.js deck per chapter, offline)"
	@echo "make handouts   离线讲义网页、PDF、速查卡、案例册、讲师手册 build/handouts/ (site, PDFs, card, booklet, guide)"
	@echo "make wheelhouse 为离线安装准备全部 wheel (every pinned wheel for Windows, macOS, Linux)"
	@echo "make workshop   工作坊服务器：全班学员用浏览器学习（root；HOST=0.0.0.0 PORT=8000，见 README 讲师部分）"
	@echo "make workshop-accounts N=20  生成学员账户和可打印的登录条 (learner accounts and login slips)"
	@echo "make workshop-stop  停止工作坊服务器 (stop the workshop server; learners' files stay)"
	@echo "make bench-workshop  工作坊负载基准 (N simulated learners through the hub: start-up, latency, memory)"

$(STAMP): pyproject.toml requirements/constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11, 5) else "需要 Python 3.11.5 或更高版本 (Python >= 3.11.5 is required)")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "无法创建虚拟环境。Debian/Ubuntu 上请先运行：sudo apt install python3-venv"; \
	  echo "(could not create the virtual environment; on Debian/Ubuntu install python3-venv first)"; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt -e .
	@touch $(STAMP)

$(DEV): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt -e ".[test,spark,workshop]"
	@touch $(DEV)

# The learner edition in 我的练习/ (made from notebooks/, never overwritten), straight to 00_导读;
# the same as `python -m tiering_lib lab` on the conda route. Settings: tiering_lib/course/lab_settings/.
lab: $(STAMP)
	$(BIN)/python -m tiering_lib lab

lab-trainer: $(STAMP)
	$(BIN)/python -m tiering_lib lab --trainer

test: $(DEV) $(NPM_STAMP)
	@# build matplotlib's font cache first: on a new machine its "building the font cache" message
	@# would otherwise land in the first notebook's stored-output comparison
	@$(BIN)/python -c "import matplotlib.font_manager"
	$(BIN)/python -m pytest

bench: $(DEV)
	$(BIN)/python benchmarks/run.py

notebooks: $(DEV)
	$(BIN)/python tools/execute_notebooks.py $(NB)

editions: $(STAMP)
	$(BIN)/python -m tiering_lib editions --source notebooks --out build/editions

$(NPM_STAMP): tools/handouts/package.json tools/handouts/package-lock.json
	cd tools/handouts && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $(NPM_STAMP)

slides: $(DEV) $(NPM_STAMP)
	$(HANDOUTS) slides

handouts: $(DEV) $(NPM_STAMP)
	$(HANDOUTS) handouts

# After editing a notebook: give every cell its slide type again (tests check they are up to date).
slide-types: $(DEV)
	$(HANDOUTS) slide-types

# Refresh the exact versions after changing dependencies in pyproject.toml: every package CI installs, plus
# what Windows and macOS learners' installs add (tools/lock.py).
lock: $(DEV)
	$(BIN)/python tools/lock.py

# One folder of every pinned wheel a learner needs on Windows, macOS (Apple silicon) and Linux, for a USB stick
# (offline install: see the README).
wheelhouse: $(DEV)
	$(BIN)/python tools/wheelhouse.py build/wheelhouse

# ---- The workshop server (README: 讲师：工作坊服务器). Run as root: it creates Linux accounts and starts each
# learner's JupyterLab as that account, so it runs from its own environment built from the system's Python,
# which every account can run (the project's .venv may use a Python under /root). configurable-http-proxy comes
# from the npm registry, exactly as pinned in workshop/package-lock.json.
WORKSHOP_PYTHON ?= /usr/bin/python3
WVENV  := .venv-workshop
WSTAMP := $(WVENV)/.installed
PROXY  := workshop/node_modules/.bin/configurable-http-proxy
WSTATE := workshop/state
HOST    = 127.0.0.1
PORT    = 8000
N       = 20
ADDRESS =

$(WSTAMP): pyproject.toml requirements/constraints.txt
	@test -x $(WORKSHOP_PYTHON) || { echo "没有找到 $(WORKSHOP_PYTHON)：请用 WORKSHOP_PYTHON=… 指定一个所有账户都能运行的 Python 3.11"; exit 1; }
	$(WORKSHOP_PYTHON) -m venv $(WVENV)
	@# Debian 12's Python is 3.11.2; soupsieve's metadata asks for 3.11.5 without needing it (README: 讲师)
	$(WVENV)/bin/python -m pip install --quiet --disable-pip-version-check --ignore-requires-python \
	  -c requirements/constraints.txt -e ".[workshop]"
	@touch $(WSTAMP)

$(PROXY): workshop/package.json workshop/package-lock.json
	@command -v npm >/dev/null || { echo "需要 Node.js 20 或更高版本和 npm (Node.js >= 20 and npm are required)"; exit 1; }
	npm ci --prefix workshop --no-audit --no-fund --loglevel=error
	@touch $(PROXY)

workshop-install: $(WSTAMP) $(PROXY)

workshop: workshop-install
	$(WVENV)/bin/python -m tiering_lib workshop start --host $(HOST) --port $(PORT) --state $(WSTATE) --proxy $(PROXY)

workshop-accounts: workshop-install
	$(WVENV)/bin/python -m tiering_lib workshop accounts --count $(N) --state $(WSTATE) $(if $(ADDRESS),--address $(ADDRESS))

workshop-stop: workshop-install
	$(WVENV)/bin/python -m tiering_lib workshop stop --state $(WSTATE)

workshop-remove-accounts: workshop-install
	$(WVENV)/bin/python -m tiering_lib workshop remove-accounts --state $(WSTATE) $(if $(YES),--yes)

BENCH_N ?= 30
bench-workshop: $(DEV) workshop-install
	$(BIN)/python benchmarks/workshop_load.py --learners $(BENCH_N)

clean:
	rm -rf build $(VENV) $(WVENV) workshop/node_modules
