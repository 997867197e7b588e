"""Reports (shop.reports: office dashboard, exports, settlements; docs/reports.md)."""

from .base import env

# TrueType fonts embedded in the PDF exports and statements: Thai needs a
# Thai font (Debian: fonts-tlwg-garuda-ttf, part of fonts-thai-tlwg).
REPORTS_PDF_FONT = env.str("REPORTS_PDF_FONT", default="/usr/share/fonts/truetype/tlwg/Garuda.ttf")
REPORTS_PDF_FONT_BOLD = env.str("REPORTS_PDF_FONT_BOLD", default="/usr/share/fonts/truetype/tlwg/Garuda-Bold.ttf")
