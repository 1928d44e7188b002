# This folder is installed as the package ``tiering_lib.datasets`` (see pyproject.toml)
# so that the library finds its data with importlib.resources, from any working directory.
