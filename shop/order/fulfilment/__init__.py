"""The center's order fulfilment: pick list, dispatch and the parcel's
paperwork (shipping label, packing slip). Screens under /dashboard/inventory/
(urls.py), reads in selectors.py, PDFs in documents.py; the writes are
shop.order.services (order) and inventory.services (stock)."""
