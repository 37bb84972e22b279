from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_delete


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from accounts.models import LoginSession
        from accounts.services import audit
        from accounts.services.userdata import ACCOUNTS_PART
        from accounts.signals import on_login_deleted
        from accounts.userdata import register

        register(ACCOUNTS_PART)
        post_delete.connect(on_login_deleted, sender=LoginSession, dispatch_uid="login-ended")
        # The audit trail records password sign-ins (the admin's) as they happen.
        user_logged_in.connect(audit.on_password_sign_in, dispatch_uid="audit-sign-in")
        user_login_failed.connect(audit.on_password_sign_in_failed, dispatch_uid="audit-failed")
