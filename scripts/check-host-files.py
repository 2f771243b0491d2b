"""Reads the files charter wrote for one host the way the host reads them,
and checks each carries the Content-Security-Policy, the aliases' redirect
and the 404 page.  python3 scripts/check-host-files.py HOST OUTPUT_DIR"""

import json
import pathlib
import re
import sys
import xml.etree.ElementTree as ElementTree

POLICY = "default-src 'self'"
ALIAS, TARGET = "/get-in-touch/", "/about/contact/"


def fail(message):
    sys.exit(f"{HOST}: {message}")


def headers_and_redirects(out, forced):
    headers = (out / "_headers").read_text().splitlines()
    rules = [l for l in headers if l and not l.startswith("#")]
    if rules[0] != "/*" or not all(l.startswith("  ") and ": " in l for l in rules[1:]):
        fail(f"_headers is not a path followed by indented headers: {rules}")
    if not any(l.strip().startswith("Content-Security-Policy: " + POLICY) for l in rules):
        fail("_headers has no policy")
    redirects = [l.split() for l in (out / "_redirects").read_text().splitlines()
                 if l and not l.startswith("#")]
    code = "301!" if forced else "301"
    if [ALIAS, TARGET, code] not in redirects or any(len(r) != 3 for r in redirects):
        fail(f"_redirects lacks `{ALIAS} {TARGET} {code}`: {redirects}")


def azure(out):
    config = json.loads((out / "staticwebapp.config.json").read_text())
    if set(config) - {"globalHeaders", "routes", "responseOverrides"}:
        fail(f"unknown keys {set(config)}")
    if not config["globalHeaders"]["Content-Security-Policy"].startswith(POLICY):
        fail("no policy")
    if {"route": ALIAS, "redirect": TARGET, "statusCode": 301} not in config["routes"]:
        fail(f"no alias route: {config['routes']}")
    if config["responseOverrides"]["404"]["rewrite"] != "/404.html":
        fail("no 404 page")


def iis(out):
    root = ElementTree.parse(out / "web.config").getroot()
    added = {a.get("name"): a.get("value") for a in root.iter("add")}
    if not added.get("Content-Security-Policy", "").startswith(POLICY):
        fail("no policy header")
    errors = [e.get("path") for e in root.iter("error") if e.get("statusCode") == "404"]
    if errors != ["/404.html"]:
        fail(f"404 page: {errors}")
    moves = {l.get("path"): l.find("system.webServer/httpRedirect").get("destination")
             for l in root.findall("location")}
    if moves.get(ALIAS.strip("/")) != TARGET:
        fail(f"no alias redirect: {moves}")


def github_pages(out):
    pages = list(out.rglob("*.html"))
    meta = re.compile(r'<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy" content="'
                      + re.escape(POLICY))
    bare = [str(p) for p in pages if not meta.search(p.read_text())]
    if bare or not pages:
        fail(f"pages without the policy right after the charset: {bare[:5]}")
    if any("frame-ancestors" in p.read_text() for p in pages):
        fail("a <meta> policy cannot hold frame-ancestors")
    if not (out / ".nojekyll").exists():
        fail("no .nojekyll")


HOST, OUT = sys.argv[1], pathlib.Path(sys.argv[2])
{
    "netlify": lambda out: headers_and_redirects(out, True),
    "cloudflare": lambda out: headers_and_redirects(out, False),
    "azure-static-web-apps": azure,
    "iis": iis,
    "github-pages": github_pages,
}[HOST](OUT)
