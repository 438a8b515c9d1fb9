"""Translation files: ``update`` extracts the strings (pyside6-lupdate) into
resources/hmi/translations/hmi_es.ts, then adds the runtime strings of ``hmi_es_runtime.json``;
``fill F.json ...`` writes translations from JSON files (English source → Spanish) into the
messages still unfinished; ``missing`` lists them; ``compile`` builds the .qm files
(pyside6-lrelease).

Runtime strings: texts the screens translate from data, ``tr(label)`` — labels of the domain
library's PVT properties, option lists, table headers built in loops. lupdate sees only
literal ``tr("...")`` calls, so these live in ``hmi_es_runtime.json`` (English → Spanish) and
``update`` writes them into the .ts (context "", like the module-level ``tr()``).

Make targets can call ``python -m hmi.tools.translations compile``; the .qm files are
committed so a field PC needs no Qt tools.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "hmi" / "translations"
LANGUAGES = ("es",)
RUNTIME = TS_DIR / "hmi_es_runtime.json"


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
        ts = TS_DIR / f"hmi_{lang}.ts"
        subprocess.run([_tool("pyside6-lupdate"), *sources(), "-ts", str(ts), "-no-obsolete"],
                       check=True)
        added = add_runtime(ts, json.loads(RUNTIME.read_text(encoding="utf-8")))
        print(f"    {added} runtime strings added from {RUNTIME.name}")


def add_runtime(ts: Path, table: dict[str, str]) -> int:
    """Add the runtime strings of ``table`` that ``ts`` lacks to its "" context, translated."""
    tree = ET.parse(ts)
    root = tree.getroot()
    have = {m.findtext("source") for m in root.iter("message")}
    context = next((c for c in root.iter("context") if not (c.findtext("name") or "")), None)
    if context is None:
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name")
    n = 0
    for source, translation in table.items():
        if source in have:
            continue
        msg = ET.SubElement(context, "message")
        ET.SubElement(msg, "source").text = source
        ET.SubElement(msg, "translation").text = translation
        n += 1
    ET.indent(tree, space="    ")
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return n


def compile_qm() -> None:
    for lang in LANGUAGES:
        subprocess.run([_tool("pyside6-lrelease"), str(TS_DIR / f"hmi_{lang}.ts"), "-qm",
                        str(TS_DIR / f"hmi_{lang}.qm")], check=True)


def unfinished(ts: Path) -> list[str]:
    """Source strings of ``ts`` with no finished translation."""
    out = []
    for msg in ET.parse(ts).getroot().iter("message"):
        t = msg.find("translation")
        if t is None or t.get("type") in ("unfinished", "vanished", "obsolete") or not (
                t.text or t.findall("numerusform")):
            src = msg.findtext("source") or ""
            if t is None or t.get("type") not in ("vanished", "obsolete"):
                out.append(src)
    return out


def fill(ts: Path, sources: list[Path]) -> int:
    """Write the translations of ``sources`` (JSON objects) into the unfinished messages of
    ``ts``; returns how many were filled."""
    table: dict[str, str] = {}
    for f in sources:
        table.update(json.loads(f.read_text(encoding="utf-8")))
    tree = ET.parse(ts)
    n = 0
    for msg in tree.getroot().iter("message"):
        src = msg.findtext("source") or ""
        t = msg.find("translation")
        if t is None or src not in table or t.get("type") != "unfinished":
            continue
        if msg.get("numerus") == "yes":
            for form in t.findall("numerusform") or [ET.SubElement(t, "numerusform")]:
                form.text = table[src]
        else:
            t.text = table[src]
        del t.attrib["type"]
        n += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return n


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m hmi.tools.translations")
    p.add_argument("action", choices=("update", "fill", "missing", "compile"))
    p.add_argument("json", nargs="*", type=Path, help="fill: JSON files, English → Spanish")
    args = p.parse_args(argv)
    ts = TS_DIR / "hmi_es.ts"
    if args.action == "update":
        update()
    elif args.action == "fill":
        print(f"filled {fill(ts, args.json)}; still missing {len(unfinished(ts))}")
    elif args.action == "missing":
        left = unfinished(ts)
        print("\n".join(left))
        return 1 if left else 0
    else:
        compile_qm()
    return 0


if __name__ == "__main__":
    sys.exit(main())
