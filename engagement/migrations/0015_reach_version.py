"""A version number for the reach report's figures, bumped by the database whenever a table they come from
changes, so the worked-out report can be kept in the cache under it (services/reach_report.py).

Triggers rather than Django signals: bulk writes, imports and the nightly involvement refresh change these
tables without saving models one by one. The bump is a deferred trigger that runs once per transaction,
at its commit, so the row is locked only for that moment and the new number becomes visible together with
the data it stands for. Numbers come from a sequence, which a rollback does not take back, so a number is
never used for two different states; the token tells one database from another (a restored copy, a test
database made afresh) whose sequence started again.
"""

from django.db import migrations

TABLES = [
    "engagement_ward",
    "engagement_estate",
    "engagement_block",
    "engagement_home",
    "engagement_tenancy",
    "engagement_resident",
    "engagement_residentinvolvement",
    "engagement_equalitymonitoring",
    "engagement_tenantprofilefigure",
]

BUMP = """
INSERT INTO engagement_reach_version (id, number) VALUES (1, nextval('engagement_reach_version_seq'))
ON CONFLICT (id) DO UPDATE SET number = EXCLUDED.number
"""

CREATE = f"""
CREATE SEQUENCE engagement_reach_version_seq;
CREATE TABLE engagement_reach_version (
    id integer PRIMARY KEY CHECK (id = 1),
    number bigint NOT NULL,
    token text NOT NULL DEFAULT md5(random()::text || clock_timestamp()::text)
);
INSERT INTO engagement_reach_version (id, number) VALUES (1, nextval('engagement_reach_version_seq'));
CREATE FUNCTION engagement_reach_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Once per transaction, however many rows it wrote.
    IF current_setting('engagement.reach_version_bumped', true) IS DISTINCT FROM 'yes' THEN
        PERFORM set_config('engagement.reach_version_bumped', 'yes', true);
        {BUMP};
    END IF;
    RETURN NULL;
END $$;
CREATE FUNCTION engagement_reach_version_bump_now() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {BUMP};
    RETURN NULL;
END $$;
""" + "".join(
    f"""
CREATE CONSTRAINT TRIGGER reach_version AFTER INSERT OR UPDATE OR DELETE ON {table}
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION engagement_reach_version_bump();
CREATE TRIGGER reach_version_truncated AFTER TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION engagement_reach_version_bump_now();
"""
    for table in TABLES
)

DROP = (
    "".join(
        f"DROP TRIGGER reach_version ON {table}; DROP TRIGGER reach_version_truncated ON {table};\n" for table in TABLES
    )
    + """
DROP FUNCTION engagement_reach_version_bump();
DROP FUNCTION engagement_reach_version_bump_now();
DROP TABLE engagement_reach_version;
DROP SEQUENCE engagement_reach_version_seq;
"""
)


def _on_postgresql(sql):
    # SQLite (the embedded default) has no triggers of this kind: there the report is worked out each time.
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


create, drop = _on_postgresql(CREATE), _on_postgresql(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0014_format_requests"),
    ]

    operations = [migrations.RunPython(create, drop)]
