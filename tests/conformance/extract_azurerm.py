"""Re-extracts the azurerm schema table the Terraform check uses, from the vendored provider source.

    python tests/conformance/extract_azurerm.py   # rewrites tests/fixtures/oracles/azurerm-schema.json

Reads `tests/fixtures/oracles/azurerm-provider/*.go` (hashicorp/terraform-provider-azurerm, see SOURCES.md):
for each of azurerm_shared_image_gallery, azurerm_shared_image and azurerm_shared_image_version, every
attribute and nested block with its type, Required/Optional/Computed, MaxItems, ExactlyOneOf, ConflictsWith,
RequiredWith and its ValidateFunc turned into data (enum values resolved from the SDK constants, regexes and
lengths from validate_compute.go). The few id validators defined outside the vendored files are described by
the ARM id they accept (ID_VALIDATORS below); a validator this script does not know is kept as `unknown` and
the check counts it as not checked.
"""

import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SRC = os.path.join(ROOT, "tests", "fixtures", "oracles", "azurerm-provider")
OUT = os.path.join(ROOT, "tests", "fixtures", "oracles", "azurerm-schema.json")

RESOURCES = {
    "azurerm_shared_image_gallery": ("shared_image_gallery_resource.go", "resourceSharedImageGallery"),
    "azurerm_shared_image": ("shared_image_resource.go", "resourceSharedImage"),
    "azurerm_shared_image_version": ("shared_image_version_resource.go", "resourceSharedImageVersion"),
}

# Validators from packages not vendored here: the ARM resource id each accepts (case-insensitive).
ID_VALIDATORS = {
    "images.ValidateImageID": r"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Compute/images/[^/]+$",
    "commonids.ValidateVirtualMachineID": r"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Compute/virtualMachines/[^/]+$",
    "commonids.ValidateStorageAccountID": r"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Storage/storageAccounts/[^/]+$",
    "validation.AsGeneratedID(commonids.ParseDiskEncryptionSetIDInsensitively)": r"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Compute/diskEncryptionSets/[^/]+$",
}

COMMON = {
    "commonschema.Location()": {"type": "string", "required": True, "validate": [{"kind": "not_empty"}]},
    "commonschema.ResourceGroupName()": {"type": "string", "required": True, "validate": [{"kind": "not_empty"}]},
    "commonschema.Tags()": {"type": "map", "required": False},
}


def read(name):
    with open(os.path.join(SRC, name), encoding="utf-8") as f:
        return f.read()


def constants():
    """`Name Type = "value"` from the SDK constants files."""
    out = {}
    for name in sorted(os.listdir(SRC)):
        if name.startswith("constants_"):
            pkg = name[len("constants_") : -len(".go")]
            for m in re.finditer(r'^\s*(\w+)\s+\w+\s*=\s*"([^"]*)"', read(name), re.M):
                out[f"{pkg}.{m.group(1)}"] = m.group(2)
    return out


def matching(text, i):
    """Index of the bracket closing the one at i (skips strings, raw strings and comments)."""
    pairs = {"{": "}", "(": ")", "[": "]"}
    stack = []
    j = i
    while j < len(text):
        c = text[j]
        if c in "\"`":
            end = text.index(c, j + 1)
            while c == '"' and text[end - 1] == "\\":
                end = text.index(c, end + 1)
            j = end
        elif text.startswith("//", j):
            j = text.index("\n", j)
        elif c in pairs:
            stack.append(pairs[c])
        elif c in ")]}":
            stack.pop()
            if not stack:
                return j
        j += 1
    raise ValueError("unbalanced")


def split_top(text):
    """Splits at commas outside brackets and strings."""
    parts, depth, cur, j = [], 0, [], 0
    while j < len(text):
        c = text[j]
        if c in "\"`":
            end = text.index(c, j + 1)
            while c == '"' and text[end - 1] == "\\":
                end = text.index(c, end + 1)
            cur.append(text[j : end + 1])
            j = end + 1
            continue
        if text.startswith("//", j):
            j = text.index("\n", j)
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        if c == "," and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(c)
        j += 1
    if "".join(cur).strip():
        parts.append("".join(cur).strip())
    return parts


def strings_of(expr, consts):
    """The values of a `[]string{...}` literal: quoted strings and string(pkg.Const)."""
    out = []
    for item in split_top(expr[expr.index("{") + 1 : expr.rindex("}")]):
        m = re.fullmatch(r'"([^"]*)"', item)
        if m:
            out.append(m.group(1))
            continue
        m = re.fullmatch(r"string\((\w+\.\w+)\)", item)
        if m and m.group(1) in consts:
            out.append(consts[m.group(1)])
            continue
        raise ValueError(f"cannot resolve {item}")
    return out


def validator(expr, consts, validate_src, params=None):
    expr = " ".join(expr.split())
    params = params or {}
    if expr in ID_VALIDATORS:
        return {"kind": "regex", "pattern": ID_VALIDATORS[expr], "ignore_case": True, "source": expr}
    if expr == "validation.IsRFC3339Time":
        return {"kind": "rfc3339"}
    if expr == "validation.StringIsNotEmpty":
        return {"kind": "not_empty"}
    m = re.fullmatch(r"validation\.IntBetween\((-?\w+), (-?\w+)\)", expr)
    if m:
        lo, hi = (int(params.get(x, x)) for x in m.groups())
        return {"kind": "int_between", "min": lo, "max": hi}
    m = re.fullmatch(r"validation\.StringLenBetween\((\w+), (\w+)\)", expr)
    if m:
        lo, hi = (int(params.get(x, x)) for x in m.groups())
        return {"kind": "len_between", "min": lo, "max": hi}
    m = re.fullmatch(r"validation\.StringInSlice\((\[\]string\{.*\}), (true|false)\)", expr)
    if m:
        return {"kind": "in", "values": strings_of(m.group(1), consts), "ignore_case": m.group(2) == "true"}
    m = re.fullmatch(r"validation\.IsURLWithScheme\((\[\]string\{.*\})\)", expr)
    if m:
        return {"kind": "url", "schemes": strings_of(m.group(1), consts)}
    m = re.fullmatch(r"validation\.StringMatch\(regexp\.MustCompile\(`([^`]*)`\), \"[^\"]*\"\)", expr)
    if m:
        return {"kind": "regex", "pattern": m.group(1)}
    m = re.fullmatch(r"validation\.StringDoesNotMatch\(regexp\.MustCompile\(`([^`]*)`\), \"[^\"]*\"\)", expr)
    if m:
        return {"kind": "not_regex", "pattern": m.group(1)}
    m = re.fullmatch(r"validation\.(All|Any)\((.*)\)", expr)
    if m:
        return {"kind": m.group(1).lower(), "of": [validator(x, consts, validate_src, params) for x in split_top(m.group(2))]}
    m = re.fullmatch(r"validate\.(\w+)(?:\((\w+)\))?", expr)
    if m:
        # A function of validate_compute.go: its body is `return validation.All(...)(v, k)` or returns one.
        fm = re.search(r"func " + m.group(1) + r"\(([^)]*)\)[^\n]*\{\n", validate_src)
        if fm:
            body_start = fm.end() - 2
            body = validate_src[body_start + 1 : matching(validate_src, body_start)]
            ret = re.search(r"return (validation\.\w+\()", body)
            if ret:
                start = ret.start(1)
                open_paren = body.index("(", start)
                call = body[start : matching(body, open_paren) + 1]
                args = {}
                if m.group(2):
                    pname = fm.group(1).split()[0]
                    args[pname] = m.group(2)
                return validator(call, consts, validate_src, args)
    return {"kind": "unknown", "go": expr}


def schema_map(text, consts, validate_src):
    """Parses the inside of `map[string]*pluginsdk.Schema{...}`."""
    attrs, blocks = {}, {}
    for entry in split_top(text):
        m = re.match(r'"(\w+)":\s*(.*)$', entry, re.S)
        if not m:
            continue
        name, value = m.group(1), m.group(2).strip()
        if value in COMMON:
            attrs[name] = dict(COMMON[value])
            continue
        if not value.startswith("{"):
            attrs[name] = {"type": "unknown", "go": value}
            continue
        fields = {}
        for f in split_top(value[1 : matching(value, 0)]):
            fm = re.match(r"(\w+):\s*(.*)$", f, re.S)
            if fm:
                fields[fm.group(1)] = fm.group(2).strip()
        spec = {
            "type": fields.get("Type", "").replace("pluginsdk.Type", "").lower(),
            "required": fields.get("Required") == "true",
            "optional": fields.get("Optional") == "true",
            "computed": fields.get("Computed") == "true",
        }
        for key, out in (("ExactlyOneOf", "exactly_one_of"), ("ConflictsWith", "conflicts_with"), ("RequiredWith", "required_with")):
            if key in fields:
                spec[out] = strings_of(fields[key], consts)
        if "ValidateFunc" in fields:
            spec["validate"] = [validator(fields["ValidateFunc"], consts, validate_src)]
        if "MaxItems" in fields:
            spec["max_items"] = int(fields["MaxItems"])
        elem = fields.get("Elem", "")
        if "pluginsdk.Resource" in elem:
            inner = elem[elem.index("map[string]*pluginsdk.Schema{") + len("map[string]*pluginsdk.Schema") :]
            inner = inner[1 : matching(inner, 0)]
            spec["block"] = schema_map(inner, consts, validate_src)
            blocks[name] = spec
            continue
        if "pluginsdk.Schema" in elem:
            em = re.search(r"ValidateFunc:\s*(.*?),\s*\}\s*$", elem, re.S)
            if em:
                spec["elem_validate"] = [validator(em.group(1), consts, validate_src)]
        attrs[name] = spec
    return {"attributes": attrs, "blocks": blocks}


def main():
    consts = constants()
    validate_src = read("validate_compute.go")
    table = {}
    for resource, (file, func) in RESOURCES.items():
        src = read(file)
        start = src.index(f"func {func}() *pluginsdk.Resource")
        schema_at = src.index("Schema: map[string]*pluginsdk.Schema", start) + len("Schema: map[string]*pluginsdk.Schema")
        inner = src[schema_at + 1 : matching(src, schema_at)]
        table[resource] = schema_map(inner, consts, validate_src)
    text = json.dumps(table, indent=2, sort_keys=True) + "\n"
    if "--check" in sys.argv:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit(f"{OUT} is not what the vendored source gives: rerun {__file__}")
        return
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
