"""Producer settlements (consignment): what the center owes each producer
per month. selectors.py finds what goes on the statements; services.py
writes them (docs/reports.md, "Producer settlements")."""
