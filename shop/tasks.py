"""Project-wide tasks. `ping` proves the task machinery end to end: the
health check runs it in-process when Celery is eager, and the worker test
sends it through a real broker and worker."""

from celery import shared_task


@shared_task
def ping() -> str:
    return "pong"
