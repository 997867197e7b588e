"""Views of the producer side, one module per audience:

* ``public``: the pages under /<lang>/shop/producers/ (directory, profile,
  online registration), for anyone;
* ``portal``: the producer portal under /dashboard/portal/, for a producer's
  members and the office acting for a producer (``PortalView`` is the base
  other apps' portal pages extend);
* ``office``: the office's review screens under /dashboard/producers/.

URLs: catalog.producers.urls. Views only translate HTTP: reads come from
catalog.producers.selectors (and catalog.selectors), writes go through
catalog.producers.services.
"""
