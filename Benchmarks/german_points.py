#!/usr/bin/env python3
"""Writes a gen_city.py points file as a German municipal export: `;`-separated, decimal commas,
Windows-1252, CRLF line ends, quoted ids, and a free-text column `bemerkung` (umlauts; every 1000th
record a note with a `;`, a doubled quote and a line break inside quotes). The same persons as the
input, so `quartier aggregate` must give the same per-area table from both files.

    python3 Benchmarks/german_points.py city_M_points.csv city_M_points_de.csv
"""
import sys


def main():
    source, target = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8", newline="") as f, open(target, "w", encoding="cp1252", newline="") as out:
        header = f.readline().rstrip("\r\n").split(",")
        out.write(";".join(header + ["bemerkung"]) + "\r\n")
        for n, line in enumerate(f):
            fields = line.rstrip("\r\n").split(",")
            row = dict(zip(header, fields))
            cells = []
            for name in header:
                value = row[name]
                if name == "id":
                    cells.append(f'"{value}"')
                else:
                    cells.append(value.replace(".", ","))
            note = '"Straße; ""Nachtrag""\r\nzweite Zeile: Größe über"' if n % 1000 == 0 else ""
            out.write(";".join(cells + [note]) + "\r\n")


if __name__ == "__main__":
    main()
