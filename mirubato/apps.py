from django.apps import AppConfig


class MirubatoConfig(AppConfig):
    """Project-wide plumbing: health checks, the demo-data command, observability (request
    ids, logs, metrics) and the run records of management commands (`command_runs`)."""

    name = "mirubato"
    verbose_name = "Mirubato"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from mirubato.telemetry import collectors, db, metrics

        connection_created.connect(db.install, dispatch_uid="mirubato-db-telemetry")
        metrics.register_collector("command_runs", collectors.command_runs)
