from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from accounts.data_part import ACCOUNTS_PART
        from accounts.preferences import ENTITY_TYPE, preferences_clean
        from accounts.userdata import register
        from sync.validation import register_cleaner

        register(ACCOUNTS_PART)
        # Preferences pushed by a device obey the same rule as PUT /api/user/preferences.
        register_cleaner(ENTITY_TYPE, preferences_clean)
