"""Checks for run-all.sh (Debian's /usr/bin/python3, standard library only).

  nbcheck.py clean NOTEBOOK...   every code cell is without outputs and execution count
  nbcheck.py charts NOTEBOOK...  lists each executed notebook's charts (under the heading they follow),
                                 writes them beside it as PNG, and fails on a glyph the font lacked
"""

import base64
import json
import os
import sys


def cells(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)["cells"]


def clean(paths):
    dirty = []
    for path in paths:
        for i, cell in enumerate(cells(path)):
            if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count") is not None):
                dirty.append(f"{os.path.basename(path)} cell {i}")
    if dirty:
        print("notebooks must be committed without outputs (Jupyter: Edit > Clear Outputs of All Cells); "
              "with outputs: " + ", ".join(dirty), file=sys.stderr)
        return 1
    print(f"{len(paths)} notebooks, no outputs")
    return 0


def text(output):
    value = output.get("text", "")
    return "".join(value) if isinstance(value, list) else value


def charts(paths):
    failures = []
    for path in paths:
        name = os.path.splitext(os.path.basename(path))[0]
        heading = "(top)"
        found = []
        notes = []
        for cell in cells(path):
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if cell["cell_type"] == "markdown":
                titles = [l.lstrip("#").strip() for l in source.splitlines() if l.startswith("#")]
                heading = titles[-1] if titles else heading
                continue
            for output in cell.get("outputs", []):
                png = output.get("data", {}).get("image/png")
                if png:
                    file = os.path.join(os.path.dirname(path), f"{name}-{len(found) + 1}.png")
                    with open(file, "wb") as f:
                        f.write(base64.b64decode("".join(png) if isinstance(png, list) else png))
                    found.append((os.path.basename(file), heading))
                if output.get("output_type") == "stream":
                    for line in text(output).splitlines():
                        if line.startswith("Note: "):
                            notes.append(f"{heading}: {line[6:]}")
                        if output.get("name") == "stderr" and "missing from" in line and "font" in line:
                            failures.append(f"{name}: {line.strip()}")
        print(f"{name}: {len(found)} chart(s)")
        for file, title in found:
            print(f"  {file}  {title}")
        for note in notes:
            print(f"  no chart: {note}")
    if failures:
        print("glyphs missing from the font (text drawn as boxes):\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    command, paths = sys.argv[1], sys.argv[2:]
    sys.exit({"clean": clean, "charts": charts}[command](paths))
