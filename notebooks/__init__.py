# This folder is installed as the package ``tiering_lib.course.notebooks`` (see pyproject.toml),
# so ``python -m tiering_lib lab`` finds the source notebooks from any working directory.
