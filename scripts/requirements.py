"""Print the dependency list of pyproject.toml (core plus the named extras), one per line.

Used by the Makefile and .ci/run to install dependencies without installing the project
itself, and to key the cached virtualenv by a hash of exactly these lines.
"""

import sys
import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())["project"]
lines = list(project["dependencies"])
for extra in sys.argv[1:]:
    lines += project["optional-dependencies"][extra]
print("\n".join(lines))
