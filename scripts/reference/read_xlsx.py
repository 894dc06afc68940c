#!/usr/bin/env python3
"""Reads an XLSX file with openpyxl (an independent reader) and prints every sheet as JSON:
{"sheet": [[cell, ...], ...]}. Used by the XLSX round-trip test.
Usage: python3 scripts/reference/read_xlsx.py FILE.xlsx"""
import json
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
print(json.dumps({sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets},
                 ensure_ascii=False))
