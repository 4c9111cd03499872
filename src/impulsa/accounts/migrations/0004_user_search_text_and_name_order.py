"""People name search: a folded search column kept by triggers, with a trigram index;
and an index in the order the people lists sort."""

import django.contrib.postgres.indexes
from django.db import migrations, models

# Accents and case folded the same way for the stored text and for the query
# (selectors.search_people folds the terms with this function): lower() then the
# accented letters Spanish names and e-mails carry, capitals listed too because
# lower() leaves non-ASCII letters alone under the C locale.
FOLD = """
CREATE FUNCTION accounts_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT translate(lower($1),
    'ÁÀÄÂÉÈËÊÍÌÏÎÓÒÖÔÚÙÜÛÑÇáàäâéèëêíìïîóòöôúùüûñç',
    'aaaaeeeeiiiioooouuuuncaaaaeeeeiiiioooouuuunc') $$;

CREATE FUNCTION accounts_search_text(
    first text, last text, second text, username text, email text, matricula text
) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT accounts_fold(concat_ws(' ', first, last, second, username, email, matricula)) $$;
"""

# Every write path (ORM, bulk import, COPY, raw SQL) keeps the column current: the
# user's own fields on its row, the matrícula from its student profile.
TRIGGERS = """
CREATE FUNCTION accounts_user_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_text := accounts_search_text(
        NEW.first_name, NEW.last_name, NEW.second_last_name, NEW.username, NEW.email,
        (SELECT matricula FROM accounts_studentprofile WHERE user_id = NEW.id));
    RETURN NEW;
END $$;
CREATE TRIGGER accounts_user_search_text
    BEFORE INSERT OR UPDATE OF first_name, last_name, second_last_name, username, email,
        search_text
    ON accounts_user FOR EACH ROW EXECUTE FUNCTION accounts_user_search_text();

-- The profile's matrícula changed (or the profile came or went): the user's trigger
-- above recomputes the column, reading the profile as it now is.
CREATE FUNCTION accounts_profile_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE accounts_user SET search_text = '' WHERE id IN (OLD.user_id, NEW.user_id);
    RETURN NULL;
END $$;
CREATE TRIGGER accounts_profile_search_text
    AFTER INSERT OR DELETE OR UPDATE OF matricula, user_id ON accounts_studentprofile
    FOR EACH ROW EXECUTE FUNCTION accounts_profile_search_text();

UPDATE accounts_user SET search_text = '';
"""

DROP = """
DROP TRIGGER accounts_profile_search_text ON accounts_studentprofile;
DROP FUNCTION accounts_profile_search_text();
DROP TRIGGER accounts_user_search_text ON accounts_user;
DROP FUNCTION accounts_user_search_text();
DROP FUNCTION accounts_search_text(text, text, text, text, text, text);
DROP FUNCTION accounts_fold(text);
"""

TRIGRAM_INDEX = """
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX IF NOT EXISTS user_search_trgm
            ON accounts_user USING gin (search_text gin_trgm_ops);
    END IF;
END $$;
"""
DROP_TRIGRAM_INDEX = "DROP INDEX IF EXISTS user_search_trgm;"


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_user_must_change_password")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunSQL(FOLD + TRIGGERS, DROP),
        # The embedded PostgreSQL of the demo (pgserver) ships no contrib extensions:
        # there the search runs without its trigram index (a demo-sized table).
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(TRIGRAM_INDEX, DROP_TRIGRAM_INDEX)],
            state_operations=[
                migrations.AddIndex(
                    model_name="user",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["search_text"],
                        opclasses=["gin_trgm_ops"],
                        name="user_search_trgm",
                    ),
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="user",
            index=models.Index(
                fields=["last_name", "second_last_name", "first_name", "id"],
                name="user_name_order",
            ),
        ),
    ]
