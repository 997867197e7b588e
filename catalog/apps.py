import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    # Oscar's catalogue forked into catalog/; the label stays "catalogue" so
    # Oscar's get_model("catalogue", ...) finds our models.
    name = "catalog"

    def ready(self):
        super().ready()
        # The page versions (shop/common/page_versions.py) must be bumped in every
        # process that writes (web, Celery workers, management commands).
        from . import page_version_receivers

        page_version_receivers.connect()
