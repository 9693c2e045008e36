-- The application role: may read and write the domain tables, may only add to the audit tables,
-- owns nothing, so it can neither alter a table nor disable a trigger. Run by the owner role (the
-- one `migrate` runs as), by bureau.dbroles.grant_app_role, which then narrows the audit tables and
-- django_migrations; {app} and {database} are quoted names. Safe to run again.
GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {app};
GRANT USAGE ON SCHEMA public TO {app};
REVOKE CREATE ON SCHEMA public FROM {app};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app};
-- Tables and sequences the owner creates later (the next migrations) are usable at once; the
-- audit tables among them are narrowed again by the next run of this file, after every migrate.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {app};
