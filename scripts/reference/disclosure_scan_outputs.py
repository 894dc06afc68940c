#!/usr/bin/env python3
"""Scans a monitoring's published outputs for what the default publication rules forbid (issue 13/19):
in every indicator row of the CSV export and of the XLSX (read with zipfile + XML, no openpyxl needed)
a published denominator of 1-2, numerator of 1-2, complement (denominator - numerator) of 1-2, a rate of
100 %, or 0 % over fewer than 10 persons; in the GeoJSON any rate of 100; in the report's indicators.csv
any rate of 100. Prints the counts per output and every finding; exit 1 when anything is found.

Usage: disclosure_scan_outputs.py EXPORT_DIR [REPORT_DIR]
"""
import csv, glob, json, os, re, sys, zipfile
import xml.etree.ElementTree as ET

findings = []


def check_row(where, x, n, v):
    if n is not None and 1 <= n <= 2: findings.append(f"{where}: denominator {n:g}")
    if x is not None and 1 <= x <= 2: findings.append(f"{where}: numerator {x:g}")
    if x is not None and n is not None and 1 <= n - x <= 2: findings.append(f"{where}: complement {n - x:g}")
    if v is not None and abs(v - 100) < 1e-9: findings.append(f"{where}: rate 100 %")
    if v is not None and v == 0 and n is not None and n < 10: findings.append(f"{where}: 0 % of {n:g}")


def num(text):
    try: return float(str(text).replace(",", "."))
    except (TypeError, ValueError): return None


def main():
    export = sys.argv[1]
    report = sys.argv[2] if len(sys.argv) > 2 else None
    rows = 0
    for path in sorted(glob.glob(os.path.join(export, "indicators_*.csv"))):
        with open(path, newline="", encoding="utf-8") as f:
            for k, r in enumerate(csv.DictReader(f)):
                rows += 1
                check_row(f"{os.path.basename(path)}:{k + 2}", num(r["numerator"]), num(r["denominator"]), num(r["value"]))
    print(f"csv rows={rows}")
    xlsx = os.path.join(export, "monitoring.xlsx")
    if os.path.exists(xlsx):
        ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
        z = zipfile.ZipFile(xlsx)
        strings = [si.findtext(".//m:t", default="", namespaces=ns) for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)] if "xl/sharedStrings.xml" in z.namelist() else []
        count = 0
        for name in sorted(n for n in z.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml", n)):
            table = []
            for row in ET.fromstring(z.read(name)).iter("{%s}row" % ns["m"]):
                cells = {}
                for c in row.findall("m:c", ns):
                    col = re.match(r"[A-Z]+", c.get("r")).group(0)
                    v = c.findtext("m:v", default=None, namespaces=ns)
                    cells[col] = strings[int(v)] if c.get("t") == "s" and v is not None else (c.findtext(".//m:t", default=None, namespaces=ns) if c.get("t") == "inlineStr" else v)
                table.append(cells)
            if not table: continue
            header = {v: k for k, v in table[0].items()}
            if not {"numerator", "denominator", "value"} <= header.keys(): continue
            for k, r in enumerate(table[1:]):
                count += 1
                check_row(f"{name}:{k + 2}", num(r.get(header["numerator"])), num(r.get(header["denominator"])), num(r.get(header["value"])))
        print(f"xlsx rows={count}")
    geo = 0
    for path in sorted(glob.glob(os.path.join(export, "*.geojson"))):
        for feature in json.load(open(path, encoding="utf-8"))["features"]:
            for key, value in feature["properties"].items():
                if isinstance(value, (int, float)) and key not in ("year",) and abs(value - 100) < 1e-9:
                    findings.append(f"{os.path.basename(path)} {feature['properties'].get('area_id')}: {key} = 100")
                geo += isinstance(value, (int, float))
    print(f"geojson values={geo}")
    if report:
        path = os.path.join(report, "indicators.csv")
        if os.path.exists(path):
            with open(path, newline="", encoding="utf-8") as f:
                text = f.read()
            print(f"report indicators.csv bytes={len(text)}")
            for k, r in enumerate(csv.reader(text.splitlines())):
                for cell in r:
                    v = num(cell)
                    if v is not None and abs(v - 100) < 1e-9 and k > 0:
                        findings.append(f"report indicators.csv:{k + 1}: 100")
    for f in findings: print("FOUND", f)
    print(f"findings={len(findings)}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
