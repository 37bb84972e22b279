from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from accounts.data_part import ACCOUNTS_PART
        from accounts.userdata import register

        register(ACCOUNTS_PART)
