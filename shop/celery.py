"""The Celery application.

Settings come from Django settings under the CELERY_ namespace (see
shop/settings.py). Without CELERY_BROKER_URL tasks run eagerly in-process,
which is the embedded default of `make run`; production runs a broker (Redis),
workers (`celery -A shop worker`) and one beat (`celery -A shop beat`).

Conventions for tasks (the README repeats them):

* Tasks are thin: they take ids, not model instances (arguments are JSON),
  load what they need and call a service that does the work. The service is
  the unit tested; the task is only the envelope.
* Tasks are sent on commit. A task sent from inside a transaction must not
  reach a worker before the rows it reads are committed, nor at all if the
  transaction rolls back. So code that writes and then dispatches calls

      some_task.delay_on_commit(order.pk)          # or
      some_task.apply_async_on_commit(args=[order.pk], countdown=60)

  instead of `.delay()` / `.apply_async()`. Both come from Celery's Django
  task class (celery.contrib.django.task.DjangoTask), which the Django fixup
  makes the base class of every task of this app as long as we do not pass a
  custom `task_cls`; tests/unit/shop/test_celery_app.py checks that. Outside
  any transaction on_commit runs the callback at once, so delay_on_commit is
  always safe to use. Plain `.delay()` is for code that is known to run
  outside a transaction (beat-scheduled tasks fanning out, management
  commands).
* Tasks are safe to run twice: the app acknowledges late and re-queues on a
  lost worker (CELERY_TASK_ACKS_LATE, CELERY_TASK_REJECT_ON_WORKER_LOST).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

app = Celery("shop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
