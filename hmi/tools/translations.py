"""Translation files: ``update`` extracts the strings (pyside6-lupdate) into
resources/hmi/translations/hmi_es.ts; ``compile`` builds the .qm files (pyside6-lrelease).

Make targets can call ``python -m hmi.tools.translations compile``; the .qm files are
committed so a field PC needs no Qt tools.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "hmi" / "translations"
LANGUAGES = ("es",)


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    found = str(exe) if exe.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (install PySide6)")
    return found


def sources() -> list[str]:
    return sorted(str(p) for p in (ROOT / "hmi" / "_qt").rglob("*.py"))


def update() -> None:
    for lang in LANGUAGES:
        subprocess.run([_tool("pyside6-lupdate"), *sources(), "-ts",
                        str(TS_DIR / f"hmi_{lang}.ts"), "-no-obsolete"], check=True)


def compile_qm() -> None:
    for lang in LANGUAGES:
        subprocess.run([_tool("pyside6-lrelease"), str(TS_DIR / f"hmi_{lang}.ts"), "-qm",
                        str(TS_DIR / f"hmi_{lang}.qm")], check=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m hmi.tools.translations")
    p.add_argument("action", choices=("update", "compile"))
    args = p.parse_args(argv)
    update() if args.action == "update" else compile_qm()
    return 0


if __name__ == "__main__":
    sys.exit(main())
