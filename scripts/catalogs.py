#!/usr/bin/env python3
"""Rebuild locales/*/messages.gotext.json from the keys the UI uses.

Keys are the English strings passed to Page.T in web/templates, the label
maps of internal/server/pages, and the labels of the domain's tables
(statuses, moves, kinds, roles, reasons, checks), which
`go run ./scripts/labels` prints (see package labels). English
translations equal their keys; Spanish ones come from scripts/es.json.

Messages that count take both English forms where they are used
({{.N "%d warning" "%d warnings" .Count}} in a template, p.N("…", "…", n)
in Go): the key is the "other" form, and the catalogs hold a plural select
on the first argument (see package i18n). Their Spanish in es.json is an
object, {"one": "%d aviso", "other": "%d avisos"}. Run
after adding a UI string or a value to a table; the Go tests fail while a
key is missing from a catalog.
"""
import glob, json, os, re, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
keys = set()
plurals = {}  # key ("other" form) -> English "one" form
S = r'"((?:[^"\\]|\\.)*)"'
for f in glob.glob(os.path.join(root, 'web/templates/*.html')):
    src = open(f).read()
    keys.update(re.findall(r'\.T ' + S, src))
    plurals.update({o: one for one, o in re.findall(r'\.N ' + S + ' ' + S, src)})
for f in glob.glob(os.path.join(root, 'internal/server/pages/*.go')):
    s = open(f).read()
    for m in re.finditer(r'var (?:anchorLabels|importLabels|candidateLabels|errorKeys|fieldKeys|requiredKeys|flashKeys|actionLabels|changeLabels|blockerLabels|formLabels)[^{]*\{(.*?)\n\}', s, re.S):
        keys.update(re.findall(r':\s*"((?:[^"\\]|\\.)*)"', m.group(1)))
    keys.update(re.findall(r'pg\.page\(c, "((?:[^"\\]|\\.)*)"', s))
    keys.update(re.findall(r'\bp\.T\("((?:[^"\\]|\\.)*)"', s))
    plurals.update({o: one for one, o in re.findall(r'\bp\.N\(' + S + ', ' + S, s)})
    for m in re.finditer(r'var ignoreReasons = \[\]string\{(.*?)\}', s, re.S):
        keys.update(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)))
    keys.update(re.findall(r'sourceForm\(c, [^,]+, "((?:[^"\\]|\\.)*)"', s))
    keys.update(re.findall(r'renderForm\(c, [^,]+, [^,]+, "((?:[^"\\]|\\.)*)"', s))
keys.update(json.loads(subprocess.run(['go', 'run', './scripts/labels'], cwd=root, check=True,
                                      capture_output=True, text=True).stdout))
keys.update(plurals)
es = json.load(open(os.path.join(root, 'scripts/es.json')))
missing = sorted(k for k in keys if k not in es)
if missing:
    sys.exit('no Spanish for: ' + json.dumps(missing, ensure_ascii=False, indent=1))
bad = sorted(k for k in keys if (k in plurals) != isinstance(es[k], dict) or (k in plurals and 'other' not in es[k]))
if bad:
    sys.exit('a counting message needs {"one": ..., "other": ...} in es.json, and only it: ' + json.dumps(bad, ensure_ascii=False, indent=1))

def placeholders(key):
    verbs = re.findall(r'%[dsv]', key)
    return [{"id": "Arg_%d" % (i + 1), "string": "%%[%d]%s" % (i + 1, v[1]), "type": "int" if v == "%d" else "string",
             "argNum": i + 1} for i, v in enumerate(verbs)]

def named(text):
    i = [0]
    def sub(m):
        i[0] += 1
        return "{Arg_%d}" % i[0]
    return re.sub(r'%[dsv]', sub, text)

def translation(t):
    if isinstance(t, dict):
        return {"select": {"feature": "plural", "arg": "Arg_1",
                           "cases": {c: {"msg": named(t[c])} for c in sorted(t)}}}
    return named(t)

en = {k: ({"one": plurals[k], "other": k} if k in plurals else k) for k in keys}
for lang, tr in (("en", en), ("es", es)):
    msgs = []
    for k in sorted(keys):
        m = {"id": named(k), "key": k, "message": named(k), "translation": translation(tr[k])}
        ph = placeholders(k)
        if ph:
            m["placeholders"] = ph
        msgs.append(m)
    path = os.path.join(root, 'locales', lang, 'messages.gotext.json')
    with open(path, 'w') as f:
        json.dump({"language": lang, "messages": msgs}, f, ensure_ascii=False, indent=2)
        f.write('\n')
print(len(keys), "messages")
