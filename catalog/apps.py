import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    # Oscar's catalogue forked into catalog/; the label stays "catalogue" so
    # Oscar's get_model("catalogue", ...) finds our models.
    name = "catalog"
