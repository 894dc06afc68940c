#!/usr/bin/env python3
"""Time to first render of a Quartier atlas in headless Chromium, and of one switch (usable?).

    atlas_render_time.py ATLAS.html [--repeat N]

Each repeat starts a fresh browser, loads the file from file:// and reads `document.body.dataset.firstRenderMs`
(performance.now() when the first map, legend, chart and table are drawn: milliseconds since navigation
start) and the time of the next indicator switch (select → redrawn). Prints the file size and the
medians as JSON.
"""
import json
import os
import statistics
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service as ChromeService
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select


def once(path):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1100"]:
        options.add_argument(a)
    driver = webdriver.Chrome(service=ChromeService(executable_path="/usr/bin/chromedriver"), options=options)
    try:
        driver.set_page_load_timeout(300)
        driver.get("file://" + os.path.abspath(path))
        end = time.time() + 300
        while not driver.execute_script("return document.body && document.body.dataset.firstRenderMs"):
            if time.time() > end:
                raise RuntimeError("no first render")
            time.sleep(0.02)
        first = float(driver.execute_script("return document.body.dataset.firstRenderMs"))
        select = Select(driver.find_element(By.ID, "indicator"))
        n = driver.execute_script("return Number(document.body.dataset.rendered)")
        target = "1" if select.first_selected_option.get_attribute("value") != "1" else "2"
        start = driver.execute_script("return performance.now()")
        select.select_by_value(target)
        while driver.execute_script("return Number(document.body.dataset.rendered)") <= n:
            time.sleep(0.005)
        switch = driver.execute_script("return performance.now()") - start
        paths = driver.execute_script("return document.querySelectorAll('#map path').length")
        return first, switch, paths
    finally:
        driver.quit()


def main():
    path = sys.argv[1]
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 3
    runs = [once(path) for _ in range(repeat)]
    print(json.dumps({"file": path, "bytes": os.path.getsize(path), "paths": runs[0][2],
                      "first_render_ms_median": statistics.median(r[0] for r in runs),
                      "switch_ms_median": round(statistics.median(r[1] for r in runs), 1),
                      "first_render_ms": [r[0] for r in runs]}))


if __name__ == "__main__":
    main()
