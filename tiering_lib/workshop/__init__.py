"""The workshop server: one Linux machine serves a room of learners, each in their own browser.

``make workshop`` (``python -m tiering_lib workshop start``) runs JupyterHub on this machine.  Every learner
is a separate Linux account (``learner01`` …, home folder readable by its owner only) that logs in with the
password on their login slip (PAM); JupyterHub starts that learner's own JupyterLab *as that account*, on the
learner edition prepared in ``~/我的练习`` by the same code as ``make lab``, with the same Chinese settings and
kernel culling (``tiering_lib/course/lab_settings/``).  The trainer's account is a hub admin, works on the
trainer edition, and alone sees the progress board.

Modules: ``accounts`` (Linux accounts, passwords, the account list), ``slips`` (printable login slips),
``hub_config`` (the JupyterHub configuration, as data), ``server`` (checks, start, stop, leftovers),
``singleuser`` (what runs as the learner: workspace, then JupyterLab), ``board`` and ``board_data`` (the
trainer's progress board, a JupyterHub service), ``cli`` (the ``workshop`` command).

This package sits above ``course`` (it uses the learner workspace, progress and JupyterLab settings) and
nothing in the library imports it; it is a tool for the machine in the room, not for notebooks, so
``tiering_lib`` does not re-export its names.
"""
