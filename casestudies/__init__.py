# This folder is installed as the package ``tiering_lib.datasets.cases`` (see pyproject.toml),
# so the library finds the case files with importlib.resources, from any working directory.
