# This folder is installed as the package ``tiering_lib.datasets.data`` (see pyproject.toml),
# so the library finds its data with importlib.resources, from any working directory.
