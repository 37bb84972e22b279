from __future__ import annotations

import factory
from django.contrib.auth.hashers import make_password

from accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"musician{n}@example.com")
    display_name = factory.Faker("name")
    # Musicians sign in without passwords.
    password = factory.LazyFunction(lambda: make_password(None))
