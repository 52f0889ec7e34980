"""The conformance stage: the planner's exports judged by the real Azure tools and their owners' schemas.

    python tests/conformance/run.py DIR

DIR holds, per input plan NAME: NAME.plan.json (the plan), NAME.json (ARM), NAME.bicep, NAME.sh (az),
NAME.tf (Terraform) and NAME.<format>.notes (the notes `acg export` printed). For each plan:

- ARM: the template against the official deployment template schema and each resource against the
  Microsoft.Compute 2025-03-03 resource schema (jsonschema, formats checked); every dependsOn is an expression
  naming a resource of the template; each body loads into azure-mgmt-compute's model without losing a key.
- Bicep: the file parsed; every property name, type and read-only flag against Bicep's type definitions; the
  bodies equal the ARM export's.
- az: the script run by bash with `az` recording its words; each command run by the real az CLI in process
  against a fake Azure (fake login, recorded HTTP); the body az PUTs for each resource equal to the ARM body.
- Terraform: parsed by python-hcl2; attribute and block names, required attributes, value validators and
  exactly-one-of / conflicts-with / required-with against the table extracted from the azurerm source; the
  body azurerm would send (its expand code, mirrored here) equal to the ARM body.

A difference between a format and the ARM body passes only if that format's notes name the resource and the
property. Prints each finding, the counts, and TAP-style `# pass N` / `# fail N` lines; exits 1 on any finding.
"""

import glob
import json
import os
import re
import subprocess
import sys
import time
from datetime import datetime

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ORACLES = os.path.join(ROOT, "tests", "fixtures", "oracles")
sys.path.insert(0, HERE)

import fake_azure  # noqa: E402

COUNTS = {}
UNCHECKED = set()
SDK_UNKNOWN = set()
FINDINGS = []


def count(what, n=1):
    COUNTS[what] = COUNTS.get(what, 0) + n


def finding(plan, fmt, message):
    FINDINGS.append(f"{plan} [{fmt}]: {message}")


def load(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


# ---------------------------------------------------------------------------------------------------------
# Comparing bodies


def region_key(name):
    return re.sub(r"[^a-z0-9]", "", name.lower())


def normalize(value, key=None):
    """A body as Azure reads it: nulls, empty objects and empty lists dropped (they mean 'not set'); region
    names in their programmatic form; date-times as instants; strings that are ARM ids case-folded."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            n = normalize(v, k)
            if n is None or n == {} or n == []:
                continue
            out[k] = n
        return out
    if isinstance(value, list):
        items = [normalize(v, key) for v in value]
        if key == "features":  # a set of name/value pairs to Azure: order does not matter
            items.sort(key=lambda f: json.dumps(f, sort_keys=True))
        return items
    if isinstance(value, str):
        if key in ("location", "name") and re.fullmatch(r"[A-Za-z0-9 ]+", value) and key == "location":
            return region_key(value)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}:\d{2})", value):
            try:
                return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
            except ValueError:
                return value
        if value.startswith("/subscriptions/"):
            return value.lower()
    return value


def normalize_regions(body):
    for t in body.get("properties", {}).get("publishingProfile", {}).get("targetRegions", []) or []:
        if isinstance(t.get("name"), str):
            t["name"] = region_key(t["name"])
    return body


def differences(expected, actual, path=""):
    """Paths where two normalized bodies differ."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for k in sorted(set(expected) | set(actual)):
            p = f"{path}.{k}" if path else k
            if k not in expected:
                out.append((p, "not in the ARM body", actual[k]))
            elif k not in actual:
                out.append((p, "missing", f"nothing (ARM has {json.dumps(expected[k])[:120]})"))
            else:
                out.extend(differences(expected[k], actual[k], p))
        return out
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        out = []
        for i, (e, a) in enumerate(zip(expected, actual)):
            out.extend(differences(e, a, f"{path}[{i}]"))
        return out
    if expected != actual:
        return [(path, f"ARM has {json.dumps(expected)[:120]}", actual)]
    return []


def noted(notes, resource, prop_path):
    """Whether a note names the resource and the property (its last named segment)."""
    names = [p for p in re.split(r"[.\[\]]", prop_path) if p and not p.isdigit()]
    keys = set(names[-2:])
    for n in notes:
        if resource in n and any(k in n for k in keys):
            return True
    return False


def compare(plan, fmt, resource, expected, actual, notes):
    count(f"{fmt} bodies compared with ARM")
    diffs = differences(normalize_regions(normalize(expected)), normalize_regions(normalize(actual)))
    for p, what, got in diffs:
        if noted(notes, resource, p):
            count(f"{fmt} differences named in the notes")
            continue
        shown = got if what == "missing" else json.dumps(got)[:160]
        finding(plan, fmt, f"{resource}: {p}: {what}, {fmt} gives {shown} (and no note says so)")


# ---------------------------------------------------------------------------------------------------------
# ARM


def arm_resources(template):
    """name -> (type, REST body) with the location parameters resolved to their defaults."""
    params = {k: v.get("defaultValue") for k, v in template.get("parameters", {}).items()}
    out = {}
    for r in template.get("resources", []):
        body = {}
        loc = r.get("location")
        m = re.fullmatch(r"\[parameters\('([^']+)'\)\]", loc or "")
        body["location"] = params.get(m.group(1)) if m else loc
        for k in ("tags", "identity", "properties"):
            if k in r:
                body[k] = r[k]
        out[r["name"]] = (r["type"], unescape(body))
    return out


def unescape(v):
    if isinstance(v, str) and v.startswith("[["):
        return v[1:]
    if isinstance(v, dict):
        return {k: unescape(x) for k, x in v.items()}
    if isinstance(v, list):
        return [unescape(x) for x in v]
    return v


def arm_validators():
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    schemas = os.path.join(ORACLES, "arm-schemas")
    by_url = {}
    for rel in ("2019-04-01/deploymentTemplate.json", "2025-03-03/Microsoft.Compute.json", "common/definitions.json"):
        with open(os.path.join(schemas, rel), encoding="utf-8") as f:
            by_url[f"https://schema.management.azure.com/schemas/{rel}"] = json.load(f)
    compute = "https://schema.management.azure.com/schemas/2025-03-03/Microsoft.Compute.json"
    # autogeneratedResources.json lists every provider's resources; of those, only the three gallery
    # resources of the vendored Compute schema can appear in an export (see SOURCES.md).
    by_url["https://schema.management.azure.com/schemas/common/autogeneratedResources.json"] = {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "allOf": [
            {"$ref": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#/definitions/resourceBase"},
            {
                "oneOf": [
                    {"$ref": f"{compute}#/resourceDefinitions/galleries"},
                    {"$ref": f"{compute}#/resourceDefinitions/galleries_images"},
                    {"$ref": f"{compute}#/resourceDefinitions/galleries_images_versions"},
                ]
            },
        ],
    }

    def retrieve(uri):
        base = uri.split("#")[0]
        if base in by_url:
            return Resource.from_contents(by_url[base], default_specification=DRAFT4)
        raise LookupError(f"{uri} is not vendored")

    # Two adjustments, both meaning-preserving for exports: the template schema's list of every provider's
    # resource schemas keeps the vendored ones (the ones not vendored become "matches nothing": no resource
    # of an export is theirs); and the patterns, .NET/ECMAScript regexes where `[\w-._]` has a literal `-`
    # after a class shorthand, are spelled the way Python's re reads them.
    def prune(node):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("http") and ref.split("#")[0] not in by_url:
                return {"not": {}}
            out = {k: prune(v) for k, v in node.items()}
            if isinstance(node.get("pattern"), str):
                out["pattern"] = re.sub(r"(\\[wdsWDS])-", r"\1\\-", node["pattern"])
            return out
        if isinstance(node, list):
            return [prune(v) for v in node]
        return node

    for url in list(by_url):
        by_url[url] = prune(by_url[url])
    # Every vendored schema registered (and crawled) once: lookups then find them without re-reading.
    registry = Registry(retrieve=retrieve).with_resources(
        (url, Resource.from_contents(doc, default_specification=DRAFT4)) for url, doc in by_url.items()
    ).crawl()

    Draft4 = jsonschema.Draft4Validator
    checker = jsonschema.Draft4Validator.FORMAT_CHECKER
    template = Draft4(
        by_url["https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json"],
        registry=registry,
        format_checker=checker,
    )
    per_type = {}
    for kind, definition in (
        ("Microsoft.Compute/galleries", "galleries"),
        ("Microsoft.Compute/galleries/images", "galleries_images"),
        ("Microsoft.Compute/galleries/images/versions", "galleries_images_versions"),
    ):
        per_type[kind] = Draft4(
            {"$ref": f"{compute}#/resourceDefinitions/{definition}"}, registry=registry, format_checker=checker
        )
    return template, per_type


SDK_MODELS = {
    "Microsoft.Compute/galleries": "Gallery",
    "Microsoft.Compute/galleries/images": "GalleryImage",
    "Microsoft.Compute/galleries/images/versions": "GalleryImageVersion",
}


def sdk_models():
    import azure.mgmt.compute.models as models

    return {k: getattr(models, v) for k, v in SDK_MODELS.items()}


def check_arm(plan, text, validators, models):
    template_validator, per_type = validators
    template = json.loads(text)
    count("ARM templates")
    for e in template_validator.iter_errors(template):
        finding(plan, "arm", f"deployment template schema: {e.message[:300]} at {list(e.absolute_path)}")
    names = {(r.get("type", "").lower(), r.get("name", "").lower()) for r in template.get("resources", [])}
    for r in template.get("resources", []):
        count("ARM resources")
        v = per_type.get(r.get("type"))
        if v is None:
            finding(plan, "arm", f"unexpected resource type {r.get('type')}")
            continue
        for e in v.iter_errors(r):
            finding(plan, "arm", f"{r['name']}: Microsoft.Compute 2025-03-03 schema: {e.message[:300]} at {list(e.absolute_path)}")
        for d in r.get("dependsOn", []):
            count("ARM dependsOn")
            m = re.fullmatch(r"\[resourceId\('([^']+)'((?:, '(?:[^']|'')*')+)\)\]", d)
            if not m:
                finding(plan, "arm", f"{r['name']}: dependsOn {d!r} is not a resourceId() expression")
                continue
            parts = [p.replace("''", "'") for p in re.findall(r"'((?:[^']|'')*)'", m.group(2))]
            if (m.group(1).lower(), "/".join(parts).lower()) not in names:
                finding(plan, "arm", f"{r['name']}: dependsOn {d} names no resource of the template")
        model = models.get(r.get("type"))
        if model is not None:
            count("ARM bodies loaded by azure-mgmt-compute")
            body = unescape({k: r[k] for k in ("location", "tags", "identity", "properties") if k in r})
            try:
                loaded = model.deserialize(body)
                back = loaded.serialize(keep_readonly=True)
            except Exception as e:  # noqa: BLE001
                finding(plan, "arm", f"{r['name']}: azure-mgmt-compute cannot load the body: {e}")
                continue
            for p, what, _ in differences(normalize(body.get("properties", {})), normalize(back.get("properties", {}))):
                if what == "missing":
                    # azure-mgmt-compute 34.1.0 (what az 2.91 pins) models an older API than 2025-03-03:
                    # what it does not know is listed, and judged by the 2025-03-03 schema and Bicep types.
                    SDK_UNKNOWN.add(re.sub(r"\[\d+\]", "[]", f"{SDK_MODELS[r['type']]}.properties.{p}"))
    return arm_resources(template)


# ---------------------------------------------------------------------------------------------------------
# Bicep


class BicepParser:
    """The subset of Bicep the planner writes: decorators, `param NAME string = 'v'`, and `resource` blocks
    whose values are strings, numbers, booleans, null, objects, arrays and symbol references."""

    TOKEN = re.compile(
        r"[ \t\r]*(?:(//[^\n]*)|('(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\n)|([{}\[\]:=@().,]))"
    )

    def __init__(self, text):
        self.tokens = []
        pos = 0
        text = text.replace("\r\n", "\n")
        while pos < len(text):
            m = self.TOKEN.match(text, pos)
            if not m or m.end() == pos:
                if text[pos:].strip() == "":
                    break
                raise ValueError(f"cannot read Bicep at {text[pos:pos + 40]!r}")
            pos = m.end()
            comment, string, number, ident, newline, punct = m.groups()
            if comment:
                continue
            if string is not None:
                self.tokens.append(("str", self.unquote(string)))
            elif number is not None:
                self.tokens.append(("num", float(number) if "." in number else int(number)))
            elif ident is not None:
                self.tokens.append(("id", ident))
            elif newline:
                self.tokens.append(("nl", None))
            elif punct:
                self.tokens.append(("p", punct))
        self.i = 0

    @staticmethod
    def unquote(s):
        out, i, body = [], 0, s[1:-1]
        esc = {"\\": "\\", "'": "'", "n": "\n", "r": "\r", "t": "\t", "$": "$"}
        while i < len(body):
            if body[i] == "\\":
                out.append(esc.get(body[i + 1], body[i + 1]))
                i += 2
            else:
                out.append(body[i])
                i += 1
        return "".join(out)

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else ("eof", None)

    def take(self, kind=None, value=None):
        t = self.peek()
        if (kind and t[0] != kind) or (value is not None and t[1] != value):
            raise ValueError(f"expected {kind} {value!r}, found {t}")
        self.i += 1
        return t

    def skip_nl(self):
        while self.peek()[0] == "nl":
            self.i += 1

    def value(self):
        t = self.take()
        if t[0] in ("str", "num"):
            return t[1]
        if t[0] == "id":
            if t[1] in ("true", "false"):
                return t[1] == "true"
            if t[1] == "null":
                return None
            return {"$ref": t[1]}
        if t == ("p", "{"):
            obj = {}
            self.skip_nl()
            while self.peek() != ("p", "}"):
                k = self.take()
                if k[0] not in ("id", "str"):
                    raise ValueError(f"bad key {k}")
                self.take("p", ":")
                obj[k[1]] = self.value()
                self.take("nl")
                self.skip_nl()
            self.take("p", "}")
            return obj
        if t == ("p", "["):
            arr = []
            self.skip_nl()
            while self.peek() != ("p", "]"):
                arr.append(self.value())
                self.take("nl")
                self.skip_nl()
            self.take("p", "]")
            return arr
        raise ValueError(f"unexpected {t}")

    def parse(self):
        params, resources = {}, []
        self.skip_nl()
        while self.peek()[0] != "eof":
            t = self.take("id") if self.peek()[0] == "id" else self.take("p", "@")
            if t == ("p", "@"):
                self.take("id")
                self.take("p", "(")
                self.value()
                self.take("p", ")")
            elif t[1] == "param":
                name = self.take("id")[1]
                self.take("id", "string")
                self.take("p", "=")
                params[name] = self.value()
            elif t[1] == "resource":
                sym = self.take("id")[1]
                kind = self.take("str")[1]
                self.take("p", "=")
                resources.append((sym, kind, self.value()))
            else:
                raise ValueError(f"unexpected {t}")
            self.skip_nl()
        return params, resources


class BicepTypes:
    READ_ONLY, REQUIRED = 2, 1

    def __init__(self):
        with open(os.path.join(ORACLES, "bicep-types-az", "types.json"), encoding="utf-8") as f:
            self.types = json.load(f)
        self.resources = {t["name"]: t for t in self.types if t.get("$type") == "ResourceType"}

    def ref(self, r):
        return self.types[int(r["$ref"].split("/")[-1])]

    def check(self, value, t, path, out):
        kind = t.get("$type")
        if kind == "AnyType":
            return
        if kind == "UnionType":
            errors = []
            for e in t["elements"]:
                sub = []
                self.check(value, self.ref(e), path, sub)
                if not sub:
                    return
                errors.append(sub[0])
            out.append(f"{path}: {json.dumps(value)[:80]} matches none of the union ({errors[0] if errors else ''})")
            return
        if kind == "StringLiteralType":
            if value != t["value"]:
                out.append(f"{path}: {json.dumps(value)[:80]} is not '{t['value']}'")
            return
        if kind == "StringType":
            if not isinstance(value, str):
                out.append(f"{path}: {json.dumps(value)[:80]} is not a string")
                return
            if "minLength" in t and len(value) < t["minLength"]:
                out.append(f"{path}: shorter than {t['minLength']}")
            if "maxLength" in t and len(value) > t["maxLength"]:
                out.append(f"{path}: longer than {t['maxLength']}")
            return
        if kind == "IntegerType":
            if not isinstance(value, int) or isinstance(value, bool):
                out.append(f"{path}: {json.dumps(value)[:80]} is not an integer")
                return
            if "minValue" in t and value < t["minValue"]:
                out.append(f"{path}: {value} < {t['minValue']}")
            if "maxValue" in t and value > t["maxValue"]:
                out.append(f"{path}: {value} > {t['maxValue']}")
            return
        if kind == "BooleanType":
            if not isinstance(value, bool):
                out.append(f"{path}: {json.dumps(value)[:80]} is not a boolean")
            return
        if kind == "ArrayType":
            if not isinstance(value, list):
                out.append(f"{path}: not an array")
                return
            for i, v in enumerate(value):
                self.check(v, self.ref(t["itemType"]), f"{path}[{i}]", out)
            return
        if kind == "ObjectType":
            if not isinstance(value, dict):
                out.append(f"{path}: not an object")
                return
            props = t.get("properties", {})
            for k, v in value.items():
                if k in props:
                    p = props[k]
                    if p.get("flags", 0) & self.READ_ONLY:
                        out.append(f"{path}.{k}: read-only in Azure's types, must not be written")
                    count("Bicep properties checked")
                    self.check(v, self.ref(p["type"]), f"{path}.{k}", out)
                elif "additionalProperties" in t:
                    count("Bicep properties checked")
                    self.check(v, self.ref(t["additionalProperties"]), f"{path}.{k}", out)
                else:
                    out.append(f"{path}.{k}: no such property in Azure's types")
            for k, p in props.items():
                if p.get("flags", 0) & self.REQUIRED and k not in value and k not in ("name",):
                    out.append(f"{path}.{k}: required, missing")
            return
        out.append(f"{path}: unchecked type {kind}")


def check_bicep(plan, text, arm, types, notes):
    count("Bicep files")
    try:
        params, resources = BicepParser(text).parse()
    except ValueError as e:
        finding(plan, "bicep", f"cannot parse: {e}")
        return
    by_sym = {}
    for sym, kind, body in resources:
        count("Bicep resources")
        rtype, api = kind.split("@")
        rt = types.resources.get(kind)
        if rt is None:
            finding(plan, "bicep", f"{kind}: no such resource type in Azure's Bicep types")
            continue
        parent = body.pop("parent", None)
        name = body.get("name")
        if parent is not None:
            name = f"{by_sym[parent['$ref']]}/{name}"
        by_sym[sym] = name
        loc = body.get("location")
        if isinstance(loc, dict):
            if loc["$ref"] not in params:
                finding(plan, "bicep", f"{name}: location {loc['$ref']} is not a parameter")
            body["location"] = params.get(loc["$ref"])
        errors = []
        types.check(body, types.ref(rt["body"]), name, errors)
        for e in errors:
            finding(plan, "bicep", e)
        expected = arm.get(name)
        if expected is None:
            finding(plan, "bicep", f"{name}: not in the ARM export")
            continue
        actual = {k: body[k] for k in ("location", "tags", "identity", "properties") if k in body}
        compare(plan, "bicep", name, expected[1], actual, notes)
    for name in arm:
        if name not in by_sym.values():
            finding(plan, "bicep", f"{name}: in the ARM export, not in Bicep")


# ---------------------------------------------------------------------------------------------------------
# az


def az_commands(script, env):
    """The script run by bash with `az` as a function that prints its words: what az would receive."""
    shim = 'az() { for a in "$@"; do printf "%s\\0" "$a"; done; printf "\\1\\0"; }; export -f az; bash "$0"'
    done = subprocess.run(["bash", "-c", shim, script], env=env, capture_output=True)
    if done.returncode != 0:
        return None, done.stderr.decode()
    cmds, cur = [], []
    for w in done.stdout.decode().split("\0"):
        if w == "\1":
            cmds.append(cur)
            cur = []
        elif w or cur:
            cur.append(w)
    return cmds, ""


def resource_name(path):
    """ARM name (gallery/image/version) of a REST path, or None."""
    m = re.search(r"/providers/Microsoft\.Compute/(galleries/.*)$", path, re.I)
    if not m:
        return None
    parts = m.group(1).split("/")
    if parts[-1].lower() == "share":
        return None
    return "/".join(parts[1::2])


def merge(base, update):
    """A generic update's PUT over what create sent: its nulls (az clears sources so as not to re-check
    them) do not remove anything."""
    if isinstance(base, dict) and isinstance(update, dict):
        out = dict(base)
        for k, v in update.items():
            if v is None or v == {}:
                continue
            out[k] = merge(base.get(k), v)
        return out
    if isinstance(base, list) and isinstance(update, list) and len(base) == len(update):
        return [merge(b, u) for b, u in zip(base, update)]
    return update if update is not None else base


def check_az(plan, script, arm, plan_doc, cli, fake, notes):
    count("az scripts")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "SUBSCRIPTION": fake_azure.FAKE_SUBSCRIPTION, "RESOURCE_GROUP": "rg-conformance"}
    cmds, err = az_commands(script, env)
    if cmds is None:
        finding(plan, "az", f"bash could not run the script: {err[:300]}")
        return
    fake.requests.clear()
    fake.store.clear()
    bodies = {}
    shares = {}
    for c in cmds:
        count("az commands run")
        start = len(fake.requests)
        code, err = fake_azure.invoke(cli, c)
        if code != 0:
            finding(plan, "az", f"az {' '.join(c[:3])} rejected ({code}): {err[:400]}")
            continue
        count("az commands accepted")
        for method, path, body in fake.requests[start:]:
            if method == "PUT":
                name = resource_name(path)
                if name is not None:
                    bodies[name] = merge(bodies.get(name, {}), body) if name in bodies else body
            elif method == "POST" and path.lower().endswith("/share"):
                shares[resource_name(path.rsplit("/", 1)[0])] = body
    for name, (_, expected) in arm.items():
        actual = bodies.get(name)
        if actual is None:
            finding(plan, "az", f"{name}: no command creates it")
            continue
        actual = {k: actual[k] for k in ("location", "tags", "identity", "properties") if k in actual}
        compare(plan, "az", name, expected, actual, notes)
    for name in bodies:
        if name not in arm:
            finding(plan, "az", f"{name}: created by az, not in the ARM export")
    # Direct sharing is an action: the plan's groups must be what `az sig share add` sends.
    for g in plan_doc.get("galleries", []):
        groups = (g.get("sharingProfile") or {}).get("groups") or []
        want = sorted((x.get("type"), tuple(x.get("ids", []))) for x in groups if x.get("ids"))
        sent = shares.get(g["name"])
        got = sorted((x.get("type"), tuple(x.get("ids", []))) for x in (sent or {}).get("groups", []))
        if want:
            count("az sharing actions compared")
        if want != got:
            finding(plan, "az", f"{g['name']}: plan shares with {want}, az sig share add sends {got}")


# ---------------------------------------------------------------------------------------------------------
# Terraform


def hcl_blocks(parsed, kind):
    for item in parsed.get(kind, []):
        for key, inner in item.items():
            yield key, inner


def hcl_string(v):
    if isinstance(v, str) and len(v) >= 2 and v.startswith('"') and v.endswith('"'):
        return json.loads(v)
    return v


def hcl_clean(v):
    """python-hcl2 keeps quotes on strings and keys: give plain values."""
    if isinstance(v, dict):
        return {hcl_string(k): hcl_clean(x) for k, x in v.items() if not k.startswith("__")}
    if isinstance(v, list):
        return [hcl_clean(x) for x in v]
    return hcl_string(v)


RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def validate_value(value, spec):
    """Errors of one azurerm validator (from the extracted table) on a value; None when not checked."""
    kind = spec["kind"]
    if isinstance(value, str) and value.startswith("${"):
        return []  # a reference: known at apply time
    if kind == "rfc3339":
        return [] if isinstance(value, str) and RFC3339.match(value) else [f"{value!r} is not RFC 3339"]
    if kind == "not_empty":
        return [] if value != "" else ["empty"]
    if kind == "in":
        ok = value in spec["values"] or (spec["ignore_case"] and str(value).lower() in [x.lower() for x in spec["values"]])
        return [] if ok else [f"{value!r} is not one of {spec['values']}"]
    if kind == "int_between":
        return [] if isinstance(value, int) and spec["min"] <= value <= spec["max"] else [f"{value!r} not in {spec['min']}..{spec['max']}"]
    if kind == "len_between":
        return [] if spec["min"] <= len(str(value)) <= spec["max"] else [f"length of {value!r} not in {spec['min']}..{spec['max']}"]
    if kind == "regex":
        return [] if re.search(spec["pattern"], str(value), re.I if spec.get("ignore_case") else 0) else [f"{value!r} does not match {spec['pattern']}"]
    if kind == "not_regex":
        return [] if not re.search(spec["pattern"], str(value)) else [f"{value!r} matches {spec['pattern']}"]
    if kind == "url":
        return [] if re.match(r"^(%s)://[^/]+" % "|".join(spec["schemes"]), str(value)) else [f"{value!r} is not a URL"]
    if kind == "all":
        out = []
        for s in spec["of"]:
            r = validate_value(value, s)
            if r is None:
                return None
            out.extend(r)
        return out
    if kind == "any":
        results = [validate_value(value, s) for s in spec["of"]]
        if any(r == [] for r in results):
            return []
        if any(r is None for r in results):
            return None
        return [f"{value!r} fails every alternative ({'; '.join(r[0] for r in results if r)})"]
    return None


def check_tf_block(plan, where, body, schema, out_unchecked):
    attrs, blocks = schema["attributes"], schema["blocks"]
    for k, v in body.items():
        if k in attrs:
            spec = attrs[k]
            count("Terraform attributes checked")
            if spec.get("computed") and not spec.get("optional") and not spec.get("required"):
                finding(plan, "terraform", f"{where}.{k}: computed only, cannot be set")
            for val in spec.get("validate", []):
                errs = validate_value(v, val)
                if errs is None:
                    out_unchecked.append(f"{where}.{k}: {json.dumps(val)[:100]}")
                for e in errs or []:
                    finding(plan, "terraform", f"{where}.{k}: azurerm validation: {e}")
            for val in spec.get("elem_validate", []):
                for item in v if isinstance(v, list) else [v]:
                    for e in validate_value(item, val) or []:
                        finding(plan, "terraform", f"{where}.{k}: azurerm validation: {e}")
        elif k in blocks:
            spec = blocks[k]
            items = v if isinstance(v, list) else [v]
            if "max_items" in spec and len(items) > spec["max_items"]:
                finding(plan, "terraform", f"{where}.{k}: {len(items)} blocks, azurerm allows {spec['max_items']}")
            for i, item in enumerate(items):
                count("Terraform blocks checked")
                check_tf_block(plan, f"{where}.{k}[{i}]", item, spec["block"], out_unchecked)
        else:
            finding(plan, "terraform", f"{where}.{k}: azurerm has no such attribute or block")
    for k, spec in {**attrs, **blocks}.items():
        if spec.get("required") and k not in body:
            finding(plan, "terraform", f"{where}: required {k} is missing")
        present = k in body
        if present and "exactly_one_of" in spec:
            n = sum(1 for x in spec["exactly_one_of"] if x in body)
            if n != 1:
                finding(plan, "terraform", f"{where}: exactly one of {spec['exactly_one_of']} must be set, {n} are")
        if present:
            for other in spec.get("conflicts_with", []):
                if other in body:
                    finding(plan, "terraform", f"{where}: {k} conflicts with {other}")
            for other in spec.get("required_with", []):
                if other not in body:
                    finding(plan, "terraform", f"{where}: {k} requires {other}")
    for k, spec in attrs.items():
        if "exactly_one_of" in spec and not any(x in body for x in spec["exactly_one_of"]):
            finding(plan, "terraform", f"{where}: one of {spec['exactly_one_of']} must be set, none is")


def tf_ref_name(value, symbols):
    """`azurerm_shared_image_gallery.sym.name` (as `${...}`) -> the referenced resource's name."""
    m = re.fullmatch(r"\$\{(azurerm_\w+)\.(\w+)\.(name|id)\}", str(value))
    return symbols.get((m.group(1), m.group(2))) if m else None


def tf_body(kind, a, symbols):
    """The REST body azurerm sends for a resource (its create functions, mirrored): what Azure receives."""
    body = {"location": a.get("location")}
    if a.get("tags"):
        body["tags"] = a["tags"]
    p = {}
    if kind == "azurerm_shared_image_gallery":
        if "description" in a:
            p["description"] = a["description"]
        for s in a.get("sharing", []):
            sp = {"permissions": s["permission"]}
            for c in s.get("community_gallery", []):
                sp["communityGalleryInfo"] = {
                    "eula": c["eula"],
                    "publicNamePrefix": c["prefix"],
                    "publisherContact": c["publisher_email"],
                    "publisherUri": c["publisher_uri"],
                }
            p["sharingProfile"] = sp
    elif kind == "azurerm_shared_image":
        idf = a.get("identifier", [{}])[0]
        p["identifier"] = {"publisher": idf.get("publisher"), "offer": idf.get("offer"), "sku": idf.get("sku")}
        p["osType"] = a.get("os_type")
        p["osState"] = "Specialized" if a.get("specialized") else "Generalized"
        p["hyperVGeneration"] = a.get("hyper_v_generation", "V1")
        p["architecture"] = a.get("architecture", "x64")
        for k, rest in (("description", "description"), ("privacy_statement_uri", "privacyStatementUri"), ("release_note_uri", "releaseNoteUri"), ("eula", "eula"), ("end_of_life_date", "endOfLifeDate")):
            if a.get(k):
                p[rest] = a[k]
        if a.get("disk_types_not_allowed"):
            p["disallowed"] = {"diskTypes": a["disk_types_not_allowed"]}
        for pp in a.get("purchase_plan", []):
            p["purchasePlan"] = {k: pp[k] for k in ("name", "publisher", "product") if k in pp}
        rec = {}
        for what, rest in (("vcpu_count", "vCPUs"), ("memory_in_gb", "memory")):
            r = {e: a[f"{e}_recommended_{what}"] for e in ("min", "max") if a.get(f"{e}_recommended_{what}")}
            if r:
                rec[rest] = r
        if rec:
            p["recommended"] = rec
        features = []
        for flag, name, value in (
            ("accelerated_network_support_enabled", "IsAcceleratedNetworkSupported", "true"),
            ("disk_controller_type_nvme_enabled", "DiskControllerTypes", "SCSI, NVMe"),
            ("trusted_launch_supported", "SecurityType", "TrustedLaunchSupported"),
            ("trusted_launch_enabled", "SecurityType", "TrustedLaunch"),
            ("confidential_vm_supported", "SecurityType", "ConfidentialVmSupported"),
            ("confidential_vm_enabled", "SecurityType", "ConfidentialVM"),
            ("hibernation_enabled", "IsHibernateSupported", "true"),
        ):
            if a.get(flag):
                features.append({"name": name, "value": value})
        p["features"] = features
    elif kind == "azurerm_shared_image_version":
        pp = {
            "excludeFromLatest": a.get("exclude_from_latest", False),
            "replicationMode": a.get("replication_mode", "Full"),
            "targetRegions": [],
        }
        if a.get("end_of_life_date"):
            pp["endOfLifeDate"] = a["end_of_life_date"]
        for t in a.get("target_region", []):
            r = {"name": t["name"], "regionalReplicaCount": t["regional_replica_count"], "storageAccountType": t.get("storage_account_type", "Standard_LRS"), "excludeFromLatest": t.get("exclude_from_latest_enabled", False)}
            if t.get("disk_encryption_set_id"):
                r["encryption"] = {"osDiskImage": {"diskEncryptionSetId": t["disk_encryption_set_id"]}}
            pp["targetRegions"].append(r)
        p["publishingProfile"] = pp
        p["safetyProfile"] = {"allowDeletionOfReplicatedLocations": a.get("deletion_of_replicated_locations_enabled", False)}
        sp = {}
        if a.get("managed_image_id"):
            mid = a["managed_image_id"]
            sp["source"] = {"virtualMachineId": mid} if "/virtualmachines/" in mid.lower() else {"id": mid}
        if a.get("os_disk_snapshot_id"):
            sp["osDiskImage"] = {"source": {"id": a["os_disk_snapshot_id"]}}
        if a.get("blob_uri"):
            sp["osDiskImage"] = {"source": {"uri": a["blob_uri"], "storageAccountId": a.get("storage_account_id")}}
        p["storageProfile"] = sp
    body["properties"] = p
    return body


def apply_defaults(expected, kind):
    """What Azure does with a body that leaves a value out, for the values azurerm always sends: the same
    resource, so not a difference."""
    e = json.loads(json.dumps(expected))
    p = e.setdefault("properties", {})
    if kind == "azurerm_shared_image_version":
        pp = p.setdefault("publishingProfile", {})
        pp.setdefault("excludeFromLatest", False)
        pp.setdefault("replicationMode", "Full")
        for t in pp.get("targetRegions", []):
            t.setdefault("excludeFromLatest", False)
        p.setdefault("safetyProfile", {}).setdefault("allowDeletionOfReplicatedLocations", False)
    if kind == "azurerm_shared_image":
        for f in p.get("features", []):
            if f.get("name") in ("IsAcceleratedNetworkSupported", "IsHibernateSupported"):
                f["value"] = str(f.get("value", "")).lower()  # Azure reads these as booleans
            if f.get("name") == "DiskControllerTypes":
                f["value"] = ", ".join(x.strip() for x in str(f.get("value", "")).split(","))
    return e


def check_tf(plan, text, arm, table, notes):
    import hcl2

    count("Terraform files")
    try:
        parsed = hcl2.loads(text)
    except Exception as e:  # noqa: BLE001
        finding(plan, "terraform", f"python-hcl2 cannot parse it: {e}")
        return
    parsed = hcl_clean(parsed)
    providers = {k for p in parsed.get("terraform", []) for rp in p.get("required_providers", []) for k in rp}
    if "azurerm" not in providers:
        finding(plan, "terraform", "no terraform { required_providers { azurerm } }")
    if not any("azurerm" in p for p in parsed.get("provider", [])):
        finding(plan, "terraform", 'no provider "azurerm" block')
    parsed = hcl_clean(parsed)
    resources = [(k, sym, body) for item in parsed.get("resource", []) for k, v in item.items() for sym, body in v.items()]
    if any(k == "azapi_resource" for k, _, _ in resources) and "azapi" not in providers:
        finding(plan, "terraform", "azapi_resource without azapi in required_providers")
    symbols = {}
    unchecked = []
    seen = set()
    for kind, sym, a in resources:
        count("Terraform resources")
        if kind == "azapi_resource":
            parent = tf_ref_name(a.get("parent_id"), symbols)
            name = f"{parent}/{a.get('name')}"
            symbols[(kind, sym)] = name
            seen.add(name)
            expected = arm.get(name)
            if expected is None:
                finding(plan, "terraform", f"{name}: azapi_resource not in the ARM export")
                continue
            if not str(a.get("type", "")).startswith(expected[0] + "@"):
                finding(plan, "terraform", f"{name}: azapi type {a.get('type')} is not {expected[0]}")
            body = {"location": a.get("location"), "properties": (a.get("body") or {}).get("properties", {})}
            if a.get("tags"):
                body["tags"] = a["tags"]
            compare(plan, "terraform", name, expected[1], body, notes)
            continue
        schema = table.get(kind)
        if schema is None:
            finding(plan, "terraform", f"resource type {kind} is not one the table knows")
            continue
        check_tf_block(plan, f"{kind}.{sym}", a, schema, unchecked)
        parts = [a.get("name")]
        if kind == "azurerm_shared_image":
            parts.insert(0, tf_ref_name(a.get("gallery_name"), symbols))
        if kind == "azurerm_shared_image_version":
            parts = [tf_ref_name(a.get("gallery_name"), symbols), str(a.get("image_name", "")).split(".")[1] if "." in str(a.get("image_name", "")) else None, a.get("name")]
            parts[1] = tf_ref_name(a.get("image_name"), symbols)
            parts[1] = parts[1].split("/")[-1] if parts[1] else None
        name = "/".join(str(x) for x in parts)
        symbols[(kind, sym)] = name
        seen.add(name)
        expected = arm.get(name)
        if expected is None:
            finding(plan, "terraform", f"{name}: not in the ARM export")
            continue
        compare(plan, "terraform", name, apply_defaults(expected[1], kind), tf_body(kind, a, symbols), notes)
    for name in arm:
        if name not in seen:
            finding(plan, "terraform", f"{name}: in the ARM export, not in Terraform")
    count("Terraform values with a validator not extracted (not checked)", len(unchecked))
    for u in unchecked:
        UNCHECKED.add(u.split(": ", 1)[1])


# ---------------------------------------------------------------------------------------------------------


def main():
    out_dir = sys.argv[1]
    start = time.time()
    plans = sorted(glob.glob(os.path.join(out_dir, "*.plan.json")))
    if not plans:
        sys.exit(f"no *.plan.json in {out_dir}")
    with open(os.path.join(ORACLES, "azurerm-schema.json"), encoding="utf-8") as f:
        table = json.load(f)
    subprocess.run([sys.executable, os.path.join(HERE, "extract_azurerm.py"), "--check"], check=True)
    validators = arm_validators()
    models = sdk_models()
    types = BicepTypes()
    subs = set()
    for p in plans:
        base = p[: -len(".plan.json")]
        subs.update(re.findall(r"/subscriptions/([0-9a-fA-F-]{36})", load(base + ".sh")))
    fake = fake_azure.FakeAzure()
    cli = fake_azure.install(fake, subs)
    for p in plans:
        base = p[: -len(".plan.json")]
        name = os.path.basename(base)
        count("plans")
        notes = {f: [x for x in load(f"{base}.{f}.notes").splitlines() if x] for f in ("arm", "bicep", "az", "terraform")}
        arm = check_arm(name, load(base + ".json"), validators, models)
        check_bicep(name, load(base + ".bicep"), arm, types, notes["bicep"])
        check_az(name, base + ".sh", arm, json.loads(load(p)), cli, fake, notes["az"])
        check_tf(name, load(base + ".tf"), arm, table, notes["terraform"])
        for f, ns in notes.items():
            count(f"{f} notes", len(ns))
    for f in FINDINGS:
        print(f"not ok - {f}")
    print("\nconformance counts:")
    for k in sorted(COUNTS):
        print(f"  {k}: {COUNTS[k]}")
    print(f"  findings: {len(FINDINGS)}")
    for u in sorted(SDK_UNKNOWN):
        print(f"  not in azure-mgmt-compute 34.1.0's models (checked by the 2025-03-03 schema and Bicep types): {u}")
    for u in sorted(UNCHECKED):
        print(f"  not checked (validator not extracted): {u}")
    print(f"  seconds: {time.time() - start:.1f}")
    checked = COUNTS.get("az commands run", 0) + COUNTS.get("ARM resources", 0) + COUNTS.get("Bicep resources", 0) + COUNTS.get("Terraform resources", 0)
    print(f"# pass {max(checked - len(FINDINGS), 0)}")
    print(f"# fail {len(FINDINGS)}")
    sys.exit(1 if FINDINGS else 0)


if __name__ == "__main__":
    main()
