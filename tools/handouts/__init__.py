"""Slides and handouts for the trainer: built from the notebooks, offline, printed by Chromium.

* ``python -m handouts slides``    — a reveal.js deck per chapter (``build/slides/``);
* ``python -m handouts handouts``  — the course site, chapter and course PDFs, the 速查卡, the case
  booklet (learner edition) and the facilitator guide (trainer edition) (``build/handouts/``);
* ``python -m handouts slide-types [--check]`` — assign ``metadata.slideshow.slide_type`` to every cell of
  the source notebooks from their structure (see :mod:`handouts.slide_types`).

Run with ``PYTHONPATH=tools`` (the Makefile does).  Browser assets (reveal.js, mermaid) come from the npm
packages pinned in ``tools/handouts/package.json`` / ``package-lock.json``, installed by ``npm ci`` into
``tools/handouts/node_modules/`` and copied into the build folder; nothing is fetched from the internet,
and a missing asset, picture, diagram or font stops the build with a message saying what is missing.

This is maintainers' tooling, not part of the ``tiering_lib`` package: learners never need it.
"""

from __future__ import annotations

from pathlib import Path

#: The repository's root folder.
ROOT = Path(__file__).resolve().parents[2]
#: Where ``npm ci`` installs the pinned browser assets.
NODE_MODULES = Path(__file__).resolve().parent / "node_modules"
#: The course's name, as every page and PDF shows it.
COURSE_TITLE = "客户分层工作手册"
COURSE_SUBTITLE = "中高端客户分层管理维护实务 · 网点员工培训"


class BuildError(RuntimeError):
    """Something the slides or handouts need is missing or wrong; the message says what and what to do."""
