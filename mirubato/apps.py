from django.apps import AppConfig


class MirubatoConfig(AppConfig):
    """Project-wide plumbing (health checks, the demo-data command); no models."""

    name = "mirubato"
    verbose_name = "Mirubato"
