"""Install a test plugin package (a folder under tests/fixtures/) into a target folder, as a
user's `pip install` would, for a lintkit subprocess to find through PYTHONPATH."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def install_plugin(source: Path, target: Path, build: Path) -> Path:
    """Copy ``source`` (without caches) to ``build`` and pip-install it into ``target``."""
    for f in source.rglob("*"):
        if f.is_file() and "__pycache__" not in f.parts:
            dst = build / f.relative_to(source)
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_bytes(f.read_bytes())
    subprocess.run([sys.executable, "-m", "pip", "-q", "--disable-pip-version-check", "install", "--no-deps",
                    "--no-build-isolation", "--target", str(target), str(build)], check=True, capture_output=True)
    return target
