#!/usr/bin/env python3
"""Derives formats/src/main/resources/dev/loophole/formats/sfz/opcodes.tsv from the SFZ format's
public opcode list (syntax.yml, CC0: https://github.com/sfz/sfz.github.io, see LICENSE-CC0.txt beside it).

Run from the repository root:  python3 formats/tools/gen_sfz_opcodes.py [path/to/syntax.yml]
Needs PyYAML. The output is checked in; the importer reads only the TSV.

Columns: name version type min max default unit aliases options of oncc
  name     canonical name; upper-case N, X, Y, NN, NNN stand for numbers, * for any word
  type     integer | float | string | any (the source gives no type)
  aliases  comma-separated other spellings of the same opcode
  options  comma-separated allowed values of a string opcode
  of       the opcode a modulation entry modulates (ampeg_vel2attack -> ampeg_attack), else -
  oncc     documented range of <name>_onccN, as min..max, else -

The four CC suffixes _onccN _curveccN _smoothccN _stepccN are NOT listed per opcode: the importer
recognises them on any known opcode (one mechanism), using the oncc column for the range.
"""
import re
import sys
import yaml

SRC = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference/sfz/syntax.yml"
OUT = "formats/src/main/resources/dev/loophole/formats/sfz/opcodes.tsv"
SUFFIX = re.compile(r"^(.+)_(oncc|curvecc|smoothcc|stepcc)[NXY]$")


def clean(v):
    if v is None:
        return "-"
    s = re.sub(r"\s+", " ", str(v)).strip()
    return s.replace("\t", " ") or "-"


def type_of(value):
    t = (value or {}).get("type_name")
    return t if t in ("integer", "float", "string") else "any"


rows = {}


def emit(name, version, value, aliases=(), of="-"):
    value = value or {}
    opts = ",".join(o["name"] for o in value.get("options") or [])
    rows[name] = dict(name=name, version=version, type=type_of(value), min=clean(value.get("min")),
                      max=clean(value.get("max")), default=clean(value.get("default")),
                      unit=clean(value.get("unit")), aliases=list(aliases), options=opts or "-", of=of, oncc="-")


def alias_names(entry):
    return [a["name"] for a in entry.get("alias") or []]


def walk(cat):
    for op in cat.get("opcodes") or []:
        add_opcode(op)
    for sub in cat.get("types") or []:
        walk(sub)


def second_filter(alias, name):
    # The source lists second-filter spellings (cutoff2, fil2_type, resonance2_ccN) as aliases of the
    # first filter's opcodes; they set a different filter, so they get rows of their own.
    return "2" in alias and "2" not in name


def add_opcode(op, inherited_value=None):
    name, version = op["name"], op.get("version", "SFZ v2")
    value = op.get("value") or inherited_value
    aliases = alias_names(op)
    emit(name, version, value, [a for a in aliases if not second_filter(a, name)])
    for a in op.get("alias") or []:
        if second_filter(a["name"], name):
            add_opcode(dict(a, version=a.get("version", version)), value)
    bases = {name, *[a for a in aliases if not second_filter(a, name)]}
    for kind, mods in (op.get("modulation") or {}).items():
        if not isinstance(mods, list):
            continue  # "✓" only says that envelopes/LFOs may target it
        for m in mods:
            m_value, m_aliases = m.get("value"), alias_names(m)
            m_version = m.get("version", version)
            hit = SUFFIX.match(m["name"])
            if hit and hit.group(1) in bases:
                # Covered by the suffix mechanism; keep only its range and odd-shaped aliases.
                if hit.group(2) == "oncc" and m_value and "min" in m_value and "max" in m_value:
                    rows[name]["oncc"] = f"{clean(m_value['min'])}..{clean(m_value['max'])}"
                for a in m_aliases:
                    ha = SUFFIX.match(a)
                    if not (ha and ha.group(1) in bases):
                        emit(a, m_version, m_value, of=name)
                continue
            emit(m["name"], m_version, m_value, [a for a in m_aliases if not second_filter(a, m["name"])], of=name)
            for a in m_aliases:
                if second_filter(a, m["name"]):
                    emit(a, m_version, m_value, of=name)


data = yaml.safe_load(open(SRC, encoding="utf-8"))
for category in data["categories"]:
    walk(category)

with open(OUT, "w", encoding="utf-8") as out:
    out.write("# SFZ opcodes derived from syntax.yml of the SFZ format site (CC0 1.0) by formats/tools/gen_sfz_opcodes.py.\n")
    out.write("# Do not edit by hand: regenerate. Columns are described in the generator.\n")
    out.write("name\tversion\ttype\tmin\tmax\tdefault\tunit\taliases\toptions\tof\toncc\n")
    for r in rows.values():
        out.write("\t".join([r["name"], r["version"], r["type"], r["min"], r["max"], r["default"], r["unit"],
                             ",".join(r["aliases"]) or "-", r["options"], r["of"], r["oncc"]]) + "\n")
print(f"{len(rows)} rows -> {OUT}")
