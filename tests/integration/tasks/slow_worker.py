"""Loaded into the test worker with ``-I tests.integration.tasks.slow_worker``:
makes the real order email task stop half-way while the file named by
OTOP_TEST_SLOW_FILE exists, so a test can kill the worker mid-task.

The pause sits where a crash hurts most: order_email_send has inserted its
OrderNotification row (inside its transaction, not yet committed) and is
about to hand the email to the mail server. Before pausing it writes the
file named by OTOP_TEST_STARTED_FILE, so the test knows when to kill."""

import os
import pathlib
import time

from celery.signals import task_prerun

TASK = "shop.order.tasks.send_order_email"


def _slow_send_mail(*args, **kwargs):
    from django.core.mail import send_mail

    slow = pathlib.Path(os.environ["OTOP_TEST_SLOW_FILE"])
    if slow.exists():
        pathlib.Path(os.environ["OTOP_TEST_STARTED_FILE"]).write_text(str(os.getpid()))
        while slow.exists():  # until the test kills us (or gives up and removes the file)
            time.sleep(0.1)
    return send_mail(*args, **kwargs)


@task_prerun.connect
def _slow_down_order_emails(sender=None, **kwargs):
    # Patched when the task first runs: by then Django is set up and the
    # module that calls send_mail is imported.
    if getattr(sender, "name", "") == TASK:
        from shop.order import services

        services.send_mail = _slow_send_mail
