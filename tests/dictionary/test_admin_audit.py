"""Staff approvals, rejections and requeues in the dictionary admin reach the audit trail."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import AuditEvent, AuditPseudonym
from dictionary.models import DeadLetter
from tests.accounts.factories import UserFactory
from tests.dictionary.factories import QueueItemFactory, ReviewFactory

pytestmark = pytest.mark.django_db(databases=["default", "dictionary"])
REVIEWS = "/admin/dictionary/manualreview/"


@pytest.fixture
def staff():
    client = Client()
    client.staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(client.staff)
    AuditEvent.objects.all().delete()  # force_login's sign-in
    return client


def action(client, url, name, ids):
    return client.post(url, {"action": name, "_selected_action": ids})


def test_approving_a_review_is_recorded(staff):
    review = ReviewFactory(term="Ostinato")
    action(staff, REVIEWS, "approve_selected", [review.id])
    (event,) = AuditEvent.objects.filter(action="review_approve")
    assert (event.target_type, event.target_id) == ("dictionary.manualreview", review.id)
    assert event.actor_ref == AuditPseudonym.objects.get(user=staff.staff).ref


def test_rejecting_a_review_is_recorded(staff):
    review = ReviewFactory(term="Nonsense")
    action(staff, REVIEWS, "reject_selected", [review.id])
    (event,) = AuditEvent.objects.filter(action="review_reject")
    assert event.target_id == review.id


def test_requeueing_a_dead_letter_is_recorded(staff):
    item = QueueItemFactory(term="Broken", status="dead", attempts=3)
    letter = DeadLetter.objects.create(
        original_id=item.id,
        term="Broken",
        failure_reason="HTTP 500",
        original_created_at=item.created_at,
        attempts=3,
    )
    action(staff, "/admin/dictionary/deadletter/", "requeue_selected", [letter.id])
    (event,) = AuditEvent.objects.filter(action="review_requeue")
    assert (event.target_type, event.target_id) == ("dictionary.deadletter", letter.id)
