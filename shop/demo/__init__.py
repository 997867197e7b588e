"""Demo data for `manage.py load_demo_data`: a believable Chiang Mai OTOP shop
(producers, products with generated pictures, stock, CMS pages, demo users).

Content lives in shop/demo/data/; each sibling module seeds one section and
is idempotent, keyed on natural keys (codes, slugs, UPCs, emails), so the
command can be re-run at any time and only fills in what is missing.
"""
