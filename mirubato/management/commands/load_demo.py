"""Loads every app's demo data (catalogue, dictionary seeds) by calling the commands each app
lists in its AppConfig's `demo_commands`. Each of those commands is idempotent, so this is too."""

from __future__ import annotations

from django.apps import apps
from django.core.management import call_command

from mirubato.commands import RecordedCommand


class Command(RecordedCommand):
    help = "Load the demo catalogue and dictionary seeds (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List what would run.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        ran = 0
        for config in apps.get_app_configs():
            for name, *arguments in getattr(config, "demo_commands", ()):
                self.stdout.write(f"{config.label}: {name} {' '.join(map(str, arguments))}")
                if not dry_run:
                    call_command(name, *arguments, stdout=self.stdout, stderr=self.stderr)
                ran += 1
        verb = "would run" if dry_run else "ran"
        self.finish(f"load_demo: {verb} {ran} command(s).", style="SUCCESS", commands=ran)
