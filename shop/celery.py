"""The Celery application.

Settings come from Django settings under the CELERY_ namespace (see
shop/settings/celery.py, with the whole beat schedule). Without CELERY_BROKER_URL tasks run eagerly in-process,
which is the embedded default of `make run`; production runs a broker (Redis),
workers (`celery -A shop worker`) and one beat (`celery -A shop beat`).

Conventions for tasks (the README repeats them):

* Tasks are thin: they take ids, not model instances (arguments are JSON),
  load what they need and call a service that does the work. The service is
  the unit tested; the task is only the envelope.
* Tasks are sent after commit through the transactional outbox, the one way
  to send a task from code that writes (shop/outbox/services.py), named by
  their registered name:

      from shop.outbox.services import outbox_send
      outbox_send(task="shop.order.tasks.send_order_email", args=[order.pk, "paid", ""])

  It writes the message as a row in the caller's transaction: a worker never
  sees uncommitted or rolled-back data (a rollback takes the message with
  it), and a committed message is never lost. At commit it is published at
  once (one short connect, no retry loop in a web request); if the broker is
  down the row waits and the relay (beat task shop.outbox.tasks.outbox_relay,
  every 15 s) publishes it when the broker is back, backing off 10 s doubling
  to 10 min. Until issue 17 tasks were sent with `delay_on_commit` /
  `transaction.on_commit(task.delay)`, which raise after the commit when the
  broker is down, and nothing sent them again. Do not use those, nor plain
  `.delay()`, after a write. Plain `.delay()` remains only for code that
  writes nothing the task depends on (a beat task fanning out).
  In eager mode (no broker: `make run`, the tests) the outbox runs the task
  in-process at commit, as delay_on_commit did, and
  CELERY_TASK_EAGER_PROPAGATES still lets its error reach the caller.
* Services never import a tasks module, not even inside a function: they
  keep the task's name in a module constant
  (shop.order.services.SEND_ORDER_EMAIL_TASK). Tasks import their app's
  services at the top of the module and call them, so each services/tasks
  pair depends one way only (tasks -> services).
* Tasks are safe to run twice: the app acknowledges late and re-queues on a
  lost worker (CELERY_TASK_ACKS_LATE, CELERY_TASK_REJECT_ON_WORKER_LOST;
  the visibility timeout in shop/settings/celery.py says when), and the outbox
  publishes a message again if the process died between publishing it and
  marking it sent (tests/integration/tasks/test_run_twice.py checks each task).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

app = Celery("shop")
# Celery's current app is per thread; the default is what every other thread
# sees. shop.outbox publishes through celery.current_app (the shared libraries
# import nothing from the project), so make this app the default too.
app.set_default()
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
