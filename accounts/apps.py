from django.apps import AppConfig
from django.db.models.signals import post_delete


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from accounts.models import LoginSession
        from accounts.services.userdata import ACCOUNTS_PART
        from accounts.signals import on_login_deleted
        from accounts.userdata import register

        register(ACCOUNTS_PART)
        post_delete.connect(on_login_deleted, sender=LoginSession, dispatch_uid="login-ended")
