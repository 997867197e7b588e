"""Inventory staff screens (dashboard): see inventory/urls.py."""
