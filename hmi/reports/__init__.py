"""Printable reports and spreadsheet exports, Qt-free.

A screen describes what it shows as a :class:`Report` (titles, key figures, tables, charts)
and the same description becomes a PDF (:func:`write_pdf`, reportlab, vector charts so a
printout stays sharp) or CSV (:func:`write_csv`). The numbers in both come from one place,
so a printed report can never disagree with the exported file.
"""

from hmi.reports.csv_out import write_csv
from hmi.reports.document import Chart, KeyValues, Note, Report, Series, Table
from hmi.reports.pdf import write_pdf

__all__ = ["Chart", "KeyValues", "Note", "Report", "Series", "Table", "write_csv", "write_pdf"]
