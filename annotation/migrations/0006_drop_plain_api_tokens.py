"""Plain API tokens (rest_framework.authtoken, stored in clear) are dropped: tokens are now hashed
(annotation.ApiToken, django-rest-knox) and a stored plain key cannot become a knox digest of a key
its holder knows in a useful way. People log in again for a new token (README, "Upgrade notes")."""

from django.db import migrations

DROP = """
DROP TABLE IF EXISTS authtoken_token;
DELETE FROM django_migrations WHERE app = 'authtoken';
"""


class Migration(migrations.Migration):
    dependencies = [("annotation", "0005_accounts_tokens_invitations")]

    # Reversing leaves them dropped: rest_framework.authtoken is no longer installed.
    operations = [migrations.RunSQL(DROP, reverse_sql=migrations.RunSQL.noop)]
