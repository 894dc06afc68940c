#!/usr/bin/env python3
"""Checks a Quartier atlas in a real browser (Debian's chromium + chromium-driver via python3-selenium).

    atlas_browser_check.py ATLAS.html STORE.gpkg OUTDIR [--cases CASES.json] [--hostile NAME] [--published PUBLISHED.json]

Loads the atlas from file://, then asserts from the DOM:
- the map's values equal the store's `indicators` (every indicator, level and the first and last year),
  its classes equal the store's `index_results` classes (the monitoring's method) and an independent
  quantile classification (numpy, linear interpolation, right-closed bins) and the legend counts;
- hovering an area highlights the same area in map, table and chart, and the tooltip names it;
- clicking (and Enter on a focused area) selects areas for the comparison, at most five;
- the year slider (keyboard) and the indicator, level, class-method and language switches work;
- the downloaded CSV equals the table as shown; the page's CSV writer equals QuartierTable's
  CSVWriter on the cases of CASES.json (written by the Swift test);
- a hostile area name shows as text (search, table, tooltip, comparison, profile), no element or alert
  comes of it;
- the area profile (spine chart) of an area, shown by hover and by keyboard focus: per indicator the
  area's, its parent's and the city's value equal the published values of PUBLISHED.json (written by
  the Swift test from the publication gate: suppressed as the marker, missing as –) and the store's
  `indicators`; the bar's range and quartiles equal numpy's percentiles of the level's published values;
- no console error (browser log) and no network request (performance entries and the DevTools log).
Screenshots go to OUTDIR (atlas-de.png, atlas-index.png, atlas-selected.png, atlas-profile.png, atlas-en.png). Prints a JSON summary;
exit status 1 with the failures listed.
"""
import csv
import io
import json
import os
import sqlite3
import sys
import time

import numpy as np
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service as ChromeService
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

failures = []
figures = {}


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def main():
    args = sys.argv[1:]
    if len(args) < 3:
        print(__doc__)
        sys.exit(2)
    atlas, store, out = os.path.abspath(args[0]), args[1], os.path.abspath(args[2])
    cases = args[args.index("--cases") + 1] if "--cases" in args else None
    hostile = args[args.index("--hostile") + 1] if "--hostile" in args else None
    published = None
    if "--published" in args:
        with open(args[args.index("--published") + 1], encoding="utf-8") as f:
            published = json.load(f)
    os.makedirs(out, exist_ok=True)
    downloads = os.path.join(out, "downloads")
    os.makedirs(downloads, exist_ok=True)
    for name in os.listdir(downloads):
        os.remove(os.path.join(downloads, name))

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1100",
              "--lang=de-DE"]:
        options.add_argument(a)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    service = ChromeService(executable_path="/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    try:
        driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
        driver.get("file://" + atlas)
        wait_rendered(driver, 1)
        run_checks(driver, store, out, downloads, cases, hostile, published)
        # Console and network.
        logs = driver.get_log("browser")
        severe = [l for l in logs if l.get("level") == "SEVERE"]
        check(not severe, "console errors: %s" % severe[:3])
        figures["console_messages"] = len(logs)
        resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        check(resources == [], "resource requests: %s" % resources[:5])
        requests = []
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                url = message["params"]["request"]["url"]
                if not (url.startswith("file://") and url.endswith(os.path.basename(atlas))) and not url.startswith("blob:"):
                    requests.append(url)
        check(requests == [], "network requests: %s" % requests[:5])
        figures["network_requests"] = len(requests)
        figures["first_render_ms"] = driver.execute_script("return Number(document.body.dataset.firstRenderMs)")
    finally:
        driver.quit()
    print(json.dumps({"failures": failures, "figures": figures}, ensure_ascii=False, indent=1))
    sys.exit(1 if failures else 0)


def wait_rendered(driver, at_least, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        n = driver.execute_script("return Number(document.body.dataset.rendered || 0)")
        if n >= at_least:
            return n
        time.sleep(0.05)
    raise RuntimeError("atlas did not render")


def rendered(driver):
    return driver.execute_script("return Number(document.body.dataset.rendered || 0)")


def choose(driver, select_id, value):
    n = rendered(driver)
    select = Select(driver.find_element(By.ID, select_id))
    if select.first_selected_option.get_attribute("value") == value:
        return
    select.select_by_value(value)
    wait_rendered(driver, n + 1)


def map_state(driver):
    return driver.execute_script("""
        return Array.prototype.map.call(document.querySelectorAll('#map path[data-id]'), function (p) {
          return [p.dataset.id, p.dataset.value, Number(p.dataset.class), p.dataset.label || null]; });""")


def legend_counts(driver):
    return driver.execute_script("""
        var out = {}; Array.prototype.forEach.call(document.querySelectorAll('#legend li'), function (li) {
          var m = /\\((\\d+)\\)$/.exec(li.textContent); out[li.dataset['class']] = m ? Number(m[1]) : null; }); return out;""")


def close(shown, value, decimals):
    """The atlas stores values rounded to 6 decimals beyond those shown (AtlasData.stored)."""
    return abs(shown - value) <= 0.5 * 10 ** -(decimals + 6) + 1e-12 * max(1, abs(value))


def quantile_classes(values, k=5):
    """mapclassify Quantiles: bins at the k-quantiles (linear interpolation), duplicates merged; right-closed."""
    bins = np.unique(np.percentile(values, np.linspace(100 / k, 100, k)))
    return [int(np.searchsorted(bins, v, side="left")) for v in values]


def run_checks(driver, store, out, downloads, cases, hostile, published):
    db = sqlite3.connect(store)
    stored = {}
    for level, area, year, indicator, value in db.execute("select level, area_id, year, indicator, value from indicators"):
        stored[(level, area, year, indicator)] = value
    classes = {}
    for level, area, year, cls in db.execute("select level, area_id, year, status_class from index_results"):
        classes[(level, area, year)] = cls
    data = json.loads(driver.execute_script("return document.getElementById('atlas-data').textContent"))
    driver.save_screenshot(os.path.join(out, "atlas-de.png"))

    checked_values = checked_classes = checked_quantiles = combos = 0
    for i, indicator in enumerate(data["indicators"]):
        choose(driver, "indicator", str(i))
        for li, level in enumerate(data["levels"]):
            if level["id"] not in indicator["series"]:
                continue
            choose(driver, "level", str(li))
            years = sorted(int(y) for y in indicator["series"][level["id"]])
            for year in sorted({years[0], years[-1]}):
                set_year(driver, years.index(year))
                methods = [o.get_attribute("value") for o in Select(driver.find_element(By.ID, "method")).options]
                for method in methods:
                    choose(driver, "method", method)
                    combos += 1
                    state = map_state(driver)
                    check(len(state) == len(level["ids"]), "map has %d paths, level %s has %d areas" % (len(state), level["id"], len(level["ids"])))
                    numeric = []
                    for area, value, cls, label in state:
                        if value in ("s",) or value == "m":
                            check(cls == -1, "%s %s: an absent value has class %s" % (indicator["id"], area, cls))
                            continue
                        v = float(value)
                        numeric.append((area, v, cls))
                        if indicator["kind"] == "index":
                            if method == "monitoring":
                                expected = classes.get((level["id"], area, year))
                                check(label == "Status " + str(expected), "index class of %s: map %s, store %s" % (area, label, expected))
                                checked_classes += 1
                        else:
                            s = stored.get((level["id"], area, year, indicator["id"]))
                            if check(s is not None and close(v, s, indicator["decimals"]),
                                     "%s %s %s %d: map %r, store %r" % (indicator["id"], level["id"], area, year, v, s)):
                                checked_values += 1
                    if method == "quantiles" and len(numeric) >= 5:
                        expected = quantile_classes([v for _, v, _ in numeric])
                        got = [c for _, _, c in numeric]
                        check(expected == got, "quantile classes of %s %s %d differ from numpy's" % (indicator["id"], level["id"], year))
                        checked_quantiles += 1
                    legend = legend_counts(driver)
                    for key, count in legend.items():
                        if key == "uncertain":
                            want = driver.execute_script("return document.querySelectorAll('#map path.unc').length")
                            figures["uncertain_areas"] = count
                        elif key in ("suppressed", "missing"):
                            want = sum(1 for _, value, _, _ in state if (value == "s") == (key == "suppressed") and value in ("s", "m"))
                        else:
                            want = sum(1 for _, _, c, _ in state if c == int(key))
                        check(count == want, "legend %s: %s, map %d (%s %s)" % (key, count, want, indicator["id"], method))
    figures.update({"combinations": combos, "values_checked": checked_values, "index_classes_checked": checked_classes,
                    "quantile_maps_checked": checked_quantiles})
    check(checked_values > 0 and checked_quantiles > 0, "nothing was compared with the store")

    # Rank and rank interval of the index as the store holds them ("rank 3 (1–9)").
    uncertainty = {}
    try:
        for area, rank, low, high in db.execute("select area_id, rank, rank_low, rank_high from index_rank_uncertainty"):
            uncertainty[area] = (rank, low, high)
    except sqlite3.OperationalError:
        pass
    index = next((i for i, x in enumerate(data["indicators"]) if x["kind"] == "index"), None)
    if index is not None and uncertainty:
        choose(driver, "indicator", str(index))
        rows = driver.execute_script("""var keys = Array.prototype.map.call(document.querySelectorAll('#table thead th button'), function (b) { return b.dataset.key; });
            return Array.prototype.map.call(document.querySelectorAll('#table tbody tr'), function (tr) {
              var o = { id: tr.dataset.id }; keys.forEach(function (k, j) { o[k] = tr.children[j].textContent; }); return o; });""")
        checked = 0
        for row in rows:
            if row["id"] in uncertainty and row.get("rank") not in (None, "–"):
                rank, low, high = uncertainty[row["id"]]
                check(row["rank"] == str(rank) and row["rankInterval"] == "%d–%d" % (low, high),
                      "rank of %s: table %s (%s), store %d (%d–%d)" % (row["id"], row["rank"], row.get("rankInterval"), rank, low, high))
                checked += 1
        figures["rank_intervals_checked"] = checked
        check(checked > 0, "no rank interval compared with the store")
        # The tooltip says "Rang 3 (1–9)".
        area = next(r["id"] for r in rows if r["id"] in uncertainty and r.get("rank") not in (None, "–"))
        p = driver.find_element(By.CSS_SELECTOR, '#map path[data-id="%s"]' % area)
        ActionChains(driver).move_to_element(p).perform()
        time.sleep(0.1)
        rank, low, high = uncertainty[area]
        tip_text = driver.execute_script("return document.getElementById('tip').textContent")
        check("%d (%d–%d)" % (rank, low, high) in tip_text, "tooltip %r lacks the rank interval" % tip_text)
        driver.save_screenshot(os.path.join(out, "atlas-index.png"))

    # Back to a rate indicator on the lowest level with classes, newest year.
    rate, li = next((i, k) for i, x in enumerate(data["indicators"]) if x["kind"] != "index"
                    for k, L in enumerate(data["levels"])
                    if L["id"] in x["series"] and "quantiles" in x["series"][L["id"]][max(x["series"][L["id"]], key=int)]["classes"])
    series = data["indicators"][rate]["series"]
    choose(driver, "indicator", str(rate))
    choose(driver, "level", str(li))
    set_year(driver, len(series[data["levels"][li]["id"]]) - 1)
    choose(driver, "method", "quantiles")
    level0 = data["levels"][li]
    figures["interaction_level"] = level0["id"]
    state = map_state(driver)
    with_value = [a for a, v, _, _ in state if v not in ("s", "m")]

    # Hover: the same area highlighted in map, table and chart; the tooltip names it.
    target = with_value[len(with_value) // 2]
    path = driver.find_element(By.CSS_SELECTOR, '#map path[data-id="%s"]' % target)
    ActionChains(driver).move_to_element(path).perform()
    time.sleep(0.1)
    hi = driver.execute_script("""return ['#map path.hi', '#table tbody tr.hi', '#chart rect.hi'].map(function (q) {
        return Array.prototype.map.call(document.querySelectorAll(q), function (e) { return e.dataset.id; }); });""")
    check(hi == [[target]] * 3, "hover over %s highlights %s" % (target, hi))
    name = level0["names"][level0["ids"].index(target)]
    tip = driver.find_element(By.ID, "tip")
    check(tip.is_displayed() and name in tip.text, "tooltip shows %r, expected %r" % (tip.text, name))
    # Hover over a table row highlights the map and the chart.
    other = with_value[0]
    row = driver.find_element(By.CSS_SELECTOR, '#table tbody tr[data-id="%s"]' % other)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    ActionChains(driver).move_to_element(row).perform()
    time.sleep(0.1)
    hi = driver.execute_script("""return ['#map path.hi', '#chart rect.hi'].map(function (q) {
        return Array.prototype.map.call(document.querySelectorAll(q), function (e) { return e.dataset.id; }); });""")
    check(hi == [[other]] * 2, "hover over row %s highlights %s" % (other, hi))

    # Click: select up to five (a sixth replaces the first).
    driver.execute_script("window.scrollTo(0, 0)")
    picked = [a for a, _, _, _ in state][:6]  # any six areas (suppressed ones are selectable too)
    expected_sel = picked[-5:]
    for area in picked:
        p = driver.find_element(By.CSS_SELECTOR, '#map path[data-id="%s"]' % area)
        ActionChains(driver).move_to_element(p).click().perform()
    selected = driver.execute_script("return Array.prototype.map.call(document.querySelectorAll('#map path.sel'), function (e) { return e.dataset.id; })")
    check(sorted(selected) == sorted(expected_sel), "selected %s, expected %s" % (selected, expected_sel))
    compared = len(driver.find_elements(By.CSS_SELECTOR, "#compare table tr:first-child th")) - 1
    check(compared == len(expected_sel), "comparison shows %d areas" % compared)
    rows_sel = driver.execute_script("return Array.prototype.map.call(document.querySelectorAll('#table tbody tr.sel'), function (e) { return e.dataset.id; })")
    check(sorted(rows_sel) == sorted(expected_sel), "table marks %s" % rows_sel)
    driver.save_screenshot(os.path.join(out, "atlas-selected.png"))
    driver.find_element(By.ID, "clear").click()
    # Keyboard: Enter on a focused area selects it.
    p = driver.find_element(By.CSS_SELECTOR, '#map path[data-id="%s"]' % target)
    driver.execute_script("arguments[0].focus()", p)
    p.send_keys(Keys.ENTER)
    selected = driver.execute_script("return Array.prototype.map.call(document.querySelectorAll('#map path.sel'), function (e) { return e.dataset.id; })")
    check(selected == [target], "Enter on a focused area selects %s" % selected)

    # Sort by value (descending) and check the column order.
    n = rendered(driver)
    header = driver.find_elements(By.CSS_SELECTOR, "#table thead th button")
    value_button = next(b for b in header if b.get_attribute("data-key") == "value")
    value_button.click()
    shown_values = driver.execute_script("""var k = Array.prototype.findIndex.call(document.querySelectorAll('#table thead th button'), function (b) { return b.dataset.key === 'value'; });
        return Array.prototype.map.call(document.querySelectorAll('#table tbody tr'), function (r) { return r.children[k].textContent; });""")
    numbers = [float(x.replace(",", ".")) for x in shown_values if x not in (data["marker"], "–")]
    check(numbers == sorted(numbers) or numbers == sorted(numbers, reverse=True), "table not sorted by value")

    # CSV download equals the table as shown.
    compare_download(driver, downloads, german=True)
    figures["csv_rows"] = len(shown_values)

    # The page's CSV writer equals QuartierTable's CSVWriter.
    if cases:
        with open(cases, encoding="utf-8") as f:
            for k, case in enumerate(json.load(f)):
                got = driver.execute_script("return window.quartierAtlas.csvText(arguments[0], arguments[1], arguments[2])",
                                            case["header"], case["rows"], case["german"])
                check(got == case["expected"], "CSV case %d: page %r, CSVWriter %r" % (k, got, case["expected"]))
        figures["csv_cases"] = k + 1

    # Hostile name: text in search results, table and tooltip; no element, no alert.
    if hostile is not None:
        search = driver.find_element(By.ID, "search")
        search.clear()
        driver.execute_script("var s = document.getElementById('search'); s.value = arguments[0]; s.dispatchEvent(new Event('input'));", hostile)
        cells = driver.execute_script("return Array.prototype.map.call(document.querySelectorAll('#table tbody tr'), function (r) { return r.children[0].textContent; })")
        check(cells == [hostile], "search for the hostile name shows %r" % cells)
        hostile_id = driver.execute_script("return document.querySelector('#table tbody tr').dataset.id")
        p = driver.find_element(By.CSS_SELECTOR, '#map path[data-id="%s"]' % hostile_id)
        ActionChains(driver).move_to_element(p).perform()
        time.sleep(0.1)
        check(hostile in driver.execute_script("return document.getElementById('tip').textContent"), "tooltip lacks the hostile name as text")
        ActionChains(driver).move_to_element(p).click().perform()
        check(hostile in driver.execute_script("return document.getElementById('compare').textContent"), "comparison lacks the hostile name as text")
        check(driver.execute_script("return document.querySelector('#profile h3').textContent") == hostile,
              "the profile's heading is not the hostile name as text")
        if published is not None:
            check_profile(driver, data, published, stored, hostile_id)
            driver.save_screenshot(os.path.join(out, "atlas-profile.png"))
        check(driver.execute_script("return document.querySelectorAll('img, iframe, object, embed').length") == 0, "an element came of a name")
        check(driver.execute_script("return document.querySelectorAll('script').length") == 2, "a script element came of a name")
        try:
            driver.switch_to.alert
            failures.append("an alert came of the hostile name")
        except NoAlertPresentException:
            pass
        driver.execute_script("var s = document.getElementById('search'); s.value = ''; s.dispatchEvent(new Event('input'));")
        # Keyboard: focus on a table row shows that area's profile (one with a suppressed value if any).
        if published is not None:
            level_id = data["levels"][driver.execute_script("return window.quartierAtlas.state.level")]["id"]
            hidden = sorted({r[1] for r in published["rows"] if r[0] == level_id and r[5] is not None} - {hostile_id})
            area = hidden[0] if hidden else next(r[1] for r in published["rows"] if r[0] == level_id and r[1] != hostile_id)
            row = driver.find_element(By.CSS_SELECTOR, '#table tbody tr[data-id="%s"]' % area)
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
            # The pointer rests on a neighbouring row (scrolling moves areas under it); then focus, no scroll.
            neighbour = driver.execute_script("return arguments[0].previousElementSibling || arguments[0].nextElementSibling", row)
            ActionChains(driver).move_to_element(neighbour).perform()
            check(driver.execute_script("return document.getElementById('profile').dataset.id") == neighbour.get_attribute("data-id"),
                  "hover over a row does not show its profile")
            driver.execute_script("arguments[0].focus({preventScroll: true})", row)
            check(driver.execute_script("return document.getElementById('profile').dataset.id") == area, "focus on row %s does not show its profile" % area)
            check_profile(driver, data, published, stored, area)
            figures["profile_suppressed_area"] = bool(hidden)

    # Language: English texts and decimal point.
    choose(driver, "lang", "en")
    first_header = driver.find_element(By.CSS_SELECTOR, "#table thead th button").text
    check(first_header.startswith("Name"), "English header is %r" % first_header)
    check(driver.execute_script("return document.documentElement.lang") == "en", "html lang not en")
    compare_download(driver, downloads, german=False)
    driver.save_screenshot(os.path.join(out, "atlas-en.png"))


def check_profile(driver, data, published, stored, area):
    """The profile shown for `area`: its, its parent's and the city's value per indicator equal the
    published values (and the store's); the spine's range and quartiles equal numpy's."""
    level_index = driver.execute_script("return window.quartierAtlas.state.level")
    levels = data["levels"]
    level_id = levels[level_index]["id"]
    check(driver.execute_script("return document.getElementById('profile').dataset.id") == area, "profile is not of %s" % area)
    parent = published["parents"].get(level_id, {}).get(area)
    parent_level = levels[level_index + 1]["id"] if level_index + 1 < len(levels) else None
    cells = {}
    for lv, a, year, indicator, value, rule in published["rows"]:
        cells[(lv, a, year, indicator)] = "s" if rule is not None else ("m" if value is None else value)
    rows = driver.execute_script("""return Array.prototype.map.call(document.querySelectorAll('#profile tbody tr'), function (tr) {
        var o = { indicator: tr.dataset.indicator, year: Number(tr.dataset.year), cells: {}, texts: {}, spine: {} };
        Array.prototype.forEach.call(tr.querySelectorAll('td[data-k]'), function (td) { o.cells[td.dataset.k] = td.dataset.value; o.texts[td.dataset.k] = td.textContent; });
        var s = tr.querySelector('svg.spine'); ['min', 'q1', 'median', 'q3', 'max'].forEach(function (k) { if (s.dataset[k] !== undefined) o.spine[k] = Number(s.dataset[k]); });
        o.marks = [tr.querySelectorAll('svg.spine circle.amark').length, tr.querySelectorAll('svg.spine path.pmark').length];
        return o; });""")
    expected_indicators = [i["id"] for i in data["indicators"] if i["kind"] != "index" and level_id in i["series"]]
    check([r["indicator"] for r in rows] == expected_indicators, "profile rows %s, indicators %s" % ([r["indicator"] for r in rows], expected_indicators))

    decimals = {i["id"]: i["decimals"] for i in data["indicators"]}

    def same(shown, want, what, exact=False):
        if want in ("s", "m"):
            return check(shown == want, "profile %s: shown %r, published %r" % (what, shown, want))
        ok = shown not in ("s", "m") and (float(shown) == want if exact else close(float(shown), want, decimals[what.split()[0]]))
        return check(ok, "profile %s: shown %r, published %r" % (what, shown, want))

    checked = 0
    for r in rows:
        ind, year = r["indicator"], r["year"]
        want_area = cells.get((level_id, area, year, ind), "m")
        same(r["cells"]["area"], want_area, "%s %s %d area" % (ind, area, year))
        if want_area not in ("s", "m"):
            s = stored.get((level_id, area, year, ind))
            check(s is not None and abs(s - want_area) <= 1e-12 * max(1, abs(s)), "published %s differs from the store's %s" % (want_area, s))
        if want_area == "s":
            check(r["texts"]["area"] == data["marker"], "suppressed cell shows %r" % r["texts"]["area"])
        check(r["marks"][0] == (0 if want_area in ("s", "m") else 1), "%s: area mark drawn for %r" % (ind, want_area))
        want_parent = cells.get((parent_level, parent, year, ind), "m") if parent is not None and parent_level else "m"
        same(r["cells"]["parent"], want_parent, "%s %d parent %s" % (ind, year, parent))
        check(r["marks"][1] == (0 if want_parent in ("s", "m") else 1), "%s: parent mark drawn for %r" % (ind, want_parent))
        city = published["city"].get(ind, {}).get(str(year))
        same(r["cells"]["city"], "m" if city is None else city, "%s %d city" % (ind, year), exact=True)
        values = sorted(v for (lv, a, y, i), v in cells.items() if lv == level_id and y == year and i == ind and v not in ("s", "m"))
        if values:
            q = np.percentile(values, [0, 25, 50, 75, 100])
            got = [r["spine"].get(k) for k in ("min", "q1", "median", "q3", "max")]
            check(len(got) == len(q) and all(g is not None and close(g, w, decimals[ind]) for g, w in zip(got, q)),
                  "%s %d spine %s, numpy %s" % (ind, year, got, list(q)))
        checked += 1
    figures["profile_rows_checked"] = figures.get("profile_rows_checked", 0) + checked
    check(checked > 0, "the profile of %s has no rows" % area)


def set_year(driver, index):
    """Moves the year slider by keyboard to position `index`."""
    slider = driver.find_element(By.ID, "year")
    current = int(slider.get_attribute("value"))
    if current == index or slider.get_attribute("disabled"):
        return
    driver.execute_script("arguments[0].focus()", slider)
    key = Keys.ARROW_RIGHT if index > current else Keys.ARROW_LEFT
    for _ in range(abs(index - current)):
        n = rendered(driver)
        slider.send_keys(key)
        wait_rendered(driver, n + 1)
    check(int(slider.get_attribute("value")) == index, "year slider at %s, expected %d" % (slider.get_attribute("value"), index))


def compare_download(driver, downloads, german):
    for name in os.listdir(downloads):
        os.remove(os.path.join(downloads, name))
    driver.find_element(By.ID, "csv").click()
    end = time.time() + 10
    files = []
    while time.time() < end:
        files = [f for f in os.listdir(downloads) if f.endswith(".csv")]
        if files:
            break
        time.sleep(0.1)
    if not check(files, "no CSV downloaded"):
        return
    with open(os.path.join(downloads, files[0]), encoding="utf-8") as f:
        text = f.read()
    check(text.startswith("\ufeff") == german, "BOM %s for german=%s" % (text.startswith("\ufeff"), german))
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";" if german else ","))
    shown = driver.execute_script("""var h = Array.prototype.map.call(document.querySelectorAll('#table thead th button'), function (b) { return b.textContent.replace(/ [▲▼]$/, ''); });
        var r = Array.prototype.map.call(document.querySelectorAll('#table tbody tr'), function (tr) { return Array.prototype.map.call(tr.children, function (td) { return td.textContent; }); });
        return [h].concat(r);""")
    unguarded = [[c[1:] if c[:2] in ("'=", "'+", "'-", "'@") else c for c in row] for row in rows]
    check(unguarded == shown, "downloaded CSV differs from the table (%d vs %d rows; first difference %s)" % (
        len(rows), len(shown), next(((a, b) for a, b in zip(unguarded, shown) if a != b), None)))


if __name__ == "__main__":
    main()
