#!/usr/bin/env python3
"""bench/scan_compare.py OUT: medians and differences for bench/scan.sh (standard library only).

Each tool's output is reduced to the same facts per endpoint: accepted versions, the suites (as
two-byte code points) accepted per version, and the fallback-SCSV verdict where the tool tests it.
"""
import glob
import json
import os
import re
import statistics
import sys
import xml.etree.ElementTree as ET

VERSIONS = ["SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]
NAME_TO_ID = {}


def lifeboat(path):
    t = json.load(open(path))["targets"][0]
    facts = {"versions": set(), "suites": {}, "scsv": t["fallbackScsv"]}
    for v in VERSIONS:
        p = t["protocols"][v]
        if p["accepted"]:
            facts["versions"].add(v)
            facts["suites"][v] = set(i.lower() for i in p["cipherSuiteIds"])
            for n, i in zip(p["cipherSuites"], p["cipherSuiteIds"]):
                NAME_TO_ID[n] = i.lower()
    return facts


TESTSSL_V = {"SSLv2": "SSLv2", "SSLv3": "SSLv3", "TLS1": "TLSv1", "TLS1_1": "TLSv1.1", "TLS1_2": "TLSv1.2", "TLS1_3": "TLSv1.3"}
TESTSSL_C = {"ssl3": "SSLv3", "tls1": "TLSv1", "tls1_1": "TLSv1.1", "tls1_2": "TLSv1.2", "tls1_3": "TLSv1.3"}


def testssl(path):
    items = json.load(open(path))
    if isinstance(items, dict):
        items = items.get("scanResult", [])
    facts = {"versions": set(), "suites": {}, "scsv": None}
    for e in items:
        i, f = e["id"], e.get("finding", "")
        if i in TESTSSL_V and f.startswith("offered") and "not offered" not in f:
            facts["versions"].add(TESTSSL_V[i])
        m = re.match(r"cipher-(ssl3|tls1|tls1_1|tls1_2|tls1_3)_x([0-9a-f]+)$", i)
        if m:
            facts["suites"].setdefault(TESTSSL_C[m.group(1)], set()).add("0x%04x" % int(m.group(2), 16))
        if i == "fallback_SCSV":
            low = f.lower()
            facts["scsv"] = ("not_applicable" if "no protocol below" in low or "only one protocol" in low
                             or "only tls 1.3" in low
                             else "not_supported" if "not supported" in low or "downgrade attack prevention not" in low
                             else "supported" if "supported" in low else f)
    return facts


def sslscan(path):
    root = ET.parse(path).getroot()
    facts = {"versions": set(), "suites": {}, "scsv": None}
    for p in root.iter("protocol"):
        if p.get("enabled") == "1":
            v = {"2": "SSLv2", "3": "SSLv3", "1.0": "TLSv1", "1.1": "TLSv1.1", "1.2": "TLSv1.2", "1.3": "TLSv1.3"}
            facts["versions"].add(v.get(p.get("version"), p.get("version")))
    for c in root.iter("cipher"):
        v = c.get("sslversion").replace("TLSv1.0", "TLSv1")
        facts["suites"].setdefault(v, set()).add("0x%04x" % int(c.get("id"), 16))
    text = path[:-len(".xml")] + ".txt"  # sslscan's XML has no fallback element; its text does
    if os.path.exists(text):
        t = open(text, errors="replace").read()
        if "does not support TLS Fallback SCSV" in t:
            facts["scsv"] = "not_supported"
        elif "supports TLS Fallback SCSV" in t:
            facts["scsv"] = "supported"
        elif "TLS Fallback SCSV" in t:
            facts["scsv"] = "not_applicable"
    return facts


def nmap(path):
    root = ET.parse(path).getroot()
    facts = {"versions": set(), "suites": {}, "scsv": None}
    for script in root.iter("script"):
        if script.get("id") != "ssl-enum-ciphers":
            continue
        for vt in script.findall("table"):
            v = vt.get("key")
            facts["versions"].add(v)
            for ct in vt.findall("table[@key='ciphers']/table"):
                name = ct.find("elem[@key='name']").text
                name = name.replace("TLS_AKE_WITH_", "TLS_")
                facts["suites"].setdefault(v, set()).add(NAME_TO_ID.get(name, name))
    return facts


PARSERS = {"lifeboat": ("json", lifeboat), "testssl": ("json", testssl), "sslscan": ("xml", sslscan), "nmap": ("xml", nmap)}


def main(out):
    times = {}
    for line in open(os.path.join(out, "times.tsv")):
        tool, ep, _, sec = line.rstrip("\n").split("\t")
        times.setdefault(tool, {}).setdefault(ep, []).append(float(sec))
    endpoints = [e for e in open(os.path.join(out, "endpoints.txt")).read().split() if e]
    print("Median seconds per endpoint (each endpoint's runs averaged by median, then the median over endpoints)")
    ref = None
    rows = []
    for tool in ["lifeboat", "nmap", "sslscan", "testssl"]:
        if tool not in times or tool == "lifeboat-batch":
            continue
        per = [statistics.median(v) for v in times[tool].values()]
        med = statistics.median(per)
        rows.append((tool, med, len(per)))
        if tool == "nmap":
            ref = med
    for tool, med, n in rows:
        ratio = f"  ({med / ref:.2f}x nmap)" if ref else ""
        print(f"  {tool:9s} {med:7.2f} s  over {n} endpoints{ratio}")
    if "lifeboat-batch" in times:
        batch = statistics.median(times["lifeboat-batch"]["all"]) / max(1, len(endpoints))
        ratio = f"  ({batch / ref:.2f}x nmap)" if ref else ""
        print(f"  lifeboat, whole matrix in one invocation: {batch:.2f} s per endpoint{ratio}")
    print()
    print("Per endpoint (median seconds)")
    print("  " + "endpoint".ljust(16) + "".join(t.rjust(10) for t, _, _ in rows))
    for ep in sorted(endpoints):
        cells = "".join((f"{statistics.median(times[t][ep]):10.2f}" if ep in times.get(t, {}) else " " * 10) for t, _, _ in rows)
        print("  " + ep.ljust(16) + cells)
    print()
    print("Where the findings differ (versions, suites per version, fallback SCSV)")
    any_diff = False
    for ep in sorted(endpoints):
        facts = {}
        for tool in ["lifeboat", "testssl", "sslscan", "nmap"]:
            ext, parse = PARSERS[tool]
            files = sorted(glob.glob(os.path.join(out, f"{tool}-{ep}-*.{ext}")))
            if files:
                try:
                    facts[tool] = parse(files[0])
                except Exception as e:  # a tool that crashed or printed nothing
                    facts[tool] = {"error": str(e)}
        lines = []
        for tool, f in facts.items():
            if "error" in f:
                lines.append(f"    {tool}: no parsable output ({f['error']})")
        ok = {t: f for t, f in facts.items() if "error" not in f}
        vs = {t: tuple(v for v in VERSIONS if v in f["versions"]) for t, f in ok.items()}
        if len(set(vs.values())) > 1:
            lines.append("    versions: " + "; ".join(f"{t}={','.join(v) or '-'}" for t, v in vs.items()))
        for v in VERSIONS:
            sets = {t: frozenset(f["suites"].get(v, set())) for t, f in ok.items() if not (t == "nmap" and v == "SSLv2")}
            if len(set(sets.values())) > 1:
                union = frozenset().union(*sets.values())
                for t, s in sets.items():
                    missing, extra = sorted(union - s), sorted(s - frozenset().union(*(x for u, x in sets.items() if u != t)))
                    if missing:
                        lines.append(f"    {v} suites {t} lacks: {' '.join(missing)}")
        sc = {t: f["scsv"] for t, f in ok.items() if f.get("scsv") is not None}
        if len(set(sc.values())) > 1:
            lines.append("    fallback SCSV: " + "; ".join(f"{t}={v}" for t, v in sc.items()))
        if lines:
            any_diff = True
            print(f"  {ep}")
            print("\n".join(lines))
    if not any_diff:
        print("  none")


if __name__ == "__main__":
    main(sys.argv[1])
