"""Tasks sent with delay_on_commit wait for the transaction (the Celery
app's own configuration: tests/unit/shop/test_celery_app.py)."""

from unittest import mock

import pytest
from django.db import transaction

from shop.celery import app


@pytest.mark.django_db
def test_delay_on_commit_sends_nothing_until_the_transaction_commits(django_capture_on_commit_callbacks):
    task = app.tasks["shop.tasks.ping"]
    with mock.patch.object(type(task), "delay") as delay:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            with transaction.atomic():
                task.delay_on_commit()
            delay.assert_not_called()

        assert len(callbacks) == 1
        callbacks[0]()
        delay.assert_called_once_with()


@pytest.mark.django_db
def test_delay_on_commit_sends_nothing_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    task = app.tasks["shop.tasks.ping"]
    with mock.patch.object(type(task), "delay") as delay:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            with pytest.raises(RuntimeError):
                with transaction.atomic():
                    task.delay_on_commit()
                    raise RuntimeError("the write failed")

    assert callbacks == []
    delay.assert_not_called()
