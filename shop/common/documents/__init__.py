"""PDF documents of the shop: the one place that knows how Thai is set in a
PDF (fonts.py). Builders of reports, statements, labels, slips and receipts
draw through it so every PDF is shaped the same way."""
