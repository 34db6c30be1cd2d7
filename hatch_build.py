"""Ship the built-in templates and fonts inside the wheel, as `handouts/_data/`.

Only for a regular wheel: an editable install reads them from the checkout, and a
`handouts/_data` folder in site-packages would hide the editable package from Python.
"""

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class BundleData(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name == "wheel" and version == "standard":
            for folder in ("templates", "fonts"):
                build_data["force_include"][folder] = f"handouts/_data/{folder}"
