#!/usr/bin/env python3
"""Deterministic synthetic house coordinates and a register at addresses, for `quartier geocode`.

    python3 scripts/bench/gen_addresses.py --houses 500000 --records 1000000 --seed 42 --out DIR

Writes DIR/hauskoordinaten.csv (strasse,hnr,zus,x,y; EPSG:25832-like coordinates) and
DIR/register.csv (id,strasse,hausnummer,zusatz,alter,sgb2). German street names with umlauts and ß,
suffixes (12a), and in the register a share of other spellings (Str., STRASSE, ae/oe/ue, hyphens,
`12 A`), ranges (12-14), suffixes the table lacks, numbers the street lacks, misspelt streets, empty
and bad house numbers. Python's random.Random(seed) is deterministic across versions for the calls
used here (random(), randrange via choice/randint), so the same seed gives the same bytes.
"""
import argparse
import os
import random

FIRST = ("Goethe Schiller Lessing Heine Müller Bäcker Mühlen Königs Linden Birken Eichen Buchen Tannen Ahorn "
         "Rosen Tulpen Nelken Veilchen Flieder Holunder Kastanien Ulmen Weiden Erlen Fichten Kiefern Lärchen "
         "Brücken Kirch Schul Markt Bahnhof Post Garten Feld Wiesen Wald Berg Tal Bach Fluss See Teich Quell "
         "Mozart Beethoven Bach Händel Schubert Brahms Wagner Kant Hegel Fichte Leibniz Humboldt Fröbel "
         "Pestalozzi Gutenberg Dürer Röntgen Zeppelin Bismarck Stein Hardenberg Blücher Gneisenau Scharnhorst "
         "Jäger Fischer Schmied Weber Gerber Töpfer Schäfer Gärtner Zimmerer Maurer Schlosser Böttcher Wagner "
         "Hafen Schloss Burg Turm Tor Wall Graben Damm Deich Mühlbach Sonnen Mond Stern Regenbogen Nord Süd "
         "Ost West Kölner Düsseldorfer Bochumer Dortmunder Essener Münsteraner Bielefelder Paderborner Lübecker "
         "Würzburger Nürnberger Göttinger Lüneburger Jülicher Überlinger Öhringer").split()
KIND = ["straße", "weg", "allee", "platz", "gasse", "ring", "damm", "ufer", "pfad", "steig", " Straße", "höhe"]
ADJECTIVE = ["", "", "Große ", "Kleine ", "Alte ", "Neue ", "Obere ", "Untere "]
PERSONS = ["Karl-Marx", "Rosa-Luxemburg", "Friedrich-Ebert", "Konrad-Adenauer", "Willy-Brandt", "Käthe-Kollwitz",
           "Clara-Schumann", "Sophie-Scholl", "Otto-Hahn", "Max-Planck", "Albert-Schweitzer", "Bertha-von-Suttner"]


def street_names(rng, count):
    names = set()
    for person in PERSONS:
        names.add(person + "-Straße")
        names.add(person + "-Platz")
    for adjective in ADJECTIVE:
        for first in FIRST:
            for kind in KIND:
                name = (adjective + first + kind).strip()
                if kind.startswith(" ") and (adjective or not first.endswith("er")):
                    continue  # "Kölner Straße", never beside "Kölnerstraße" (one key)
                if kind == "straße" and first.endswith("er") and not adjective:
                    continue
                names.add(name)
    names = sorted(names)
    rng.shuffle(names)
    return names[:count]


def variant(rng, name):
    """Another spelling a register might use."""
    choice = rng.randrange(8)
    if choice == 0 and name.endswith("straße"):
        return name[: -len("straße")] + "str."
    if choice == 1 and name.endswith("Straße"):
        return name[: -len("Straße")] + "Str."
    if choice == 2:
        return name.upper()
    if choice == 3:
        return name.replace("ß", "ss")
    if choice == 4:
        return name.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    if choice == 5:
        return name.replace("-", " ")
    if choice == 6:
        return name.lower()
    return name.replace("straße", "strasse")


def misspell(rng, name):
    """Two letters swapped: a street the table does not know."""
    if len(name) < 5:
        return name + "x"
    i = rng.randrange(1, len(name) - 2)
    if name[i] == name[i + 1]:
        return name[:i] + "q" + name[i + 1:]
    return name[:i] + name[i + 1] + name[i] + name[i + 2:]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--houses", type=int, default=500_000)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)

    # Streets with 1..160 houses each (mean ~60): enough names for the houses.
    names = street_names(rng, 20_000)
    houses = []  # (street, number, suffix, x, y)
    street_index = 0
    while len(houses) < args.houses:
        name = names[street_index % len(names)]
        if street_index >= len(names):
            name = f"{name} {street_index // len(names) + 1}"  # a second street of the name, numbered
        street_index += 1
        size = rng.randint(1, 120)
        x0, y0 = 350_000 + rng.random() * 30_000, 5_640_000 + rng.random() * 30_000
        for number in range(1, size + 1):
            if rng.random() < 0.08:
                continue  # a gap in the numbering
            suffixes = [""]
            r = rng.random()
            if r < 0.06:
                suffixes = ["", "a"]
            elif r < 0.08:
                suffixes = ["a", "b"]
            elif r < 0.085:
                suffixes = ["", "a", "b", "c"]
            for suffix in suffixes:
                side = 12 if number % 2 else -12
                houses.append((name, number, suffix, round(x0 + number * 7.5 + rng.random(), 3),
                               round(y0 + side + rng.random(), 3)))
                if len(houses) >= args.houses:
                    break
            if len(houses) >= args.houses:
                break

    with open(os.path.join(args.out, "hauskoordinaten.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("strasse,hnr,zus,x,y\n")
        for street, number, suffix, x, y in houses:
            f.write(f"{street},{number},{suffix},{x:.3f},{y:.3f}\n")

    with open(os.path.join(args.out, "register.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("id,strasse,hausnummer,zusatz,alter,sgb2\n")
        for record in range(1, args.records + 1):
            street, number, suffix, _, _ = houses[rng.randrange(len(houses))]
            number_text, suffix_text = str(number), suffix
            r = rng.random()
            if r < 0.62:
                pass                                             # as in the table
            elif r < 0.80:
                street = variant(rng, street)                    # normalised
            elif r < 0.84:
                number_text, suffix_text = f"{number} {suffix.upper()}".strip(), ""  # 12 A
            elif r < 0.86:
                number_text, suffix_text = f"{number}-{number + 2}", ""              # a range
            elif r < 0.89:
                suffix_text = "d" if suffix else "f"             # a suffix the table lacks
            elif r < 0.92:
                number_text, suffix_text = str(number + rng.choice([2, 4, 30, 200])), ""  # another number
            elif r < 0.96:
                street = misspell(rng, street)                   # unknown street
            elif r < 0.975:
                street = rng.choice(["Unbekannte Gasse", "Feldweg ohne Namen", "Postfach"])
            elif r < 0.99:
                number_text, suffix_text = "", ""                # empty
            else:
                number_text, suffix_text = rng.choice(["o. Nr.", "?", "12#", "ohne"]), ""  # bad
            age = rng.randrange(0, 100)
            sgb2 = 1 if rng.random() < 0.12 else 0
            f.write(f"{record},{street},{number_text},{suffix_text},{age},{sgb2}\n")


if __name__ == "__main__":
    main()
