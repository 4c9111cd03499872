from django.db import migrations

# Learning events are the record of what students did: the database itself refuses
# to change or delete one, whatever code (or person at a SQL prompt) tries.
FORWARD = """
CREATE FUNCTION learning_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'learning events are append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER learning_event_append_only
BEFORE UPDATE OR DELETE ON learning_learningevent
FOR EACH ROW EXECUTE FUNCTION learning_event_append_only();
"""

REVERSE = """
DROP TRIGGER IF EXISTS learning_event_append_only ON learning_learningevent;
DROP FUNCTION IF EXISTS learning_event_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, REVERSE)]
