#!/bin/sh
# First start of the postgres volume only (docker-entrypoint-initdb.d): the owner role that runs
# the migrations, no superuser. The application role is created by the migrate service
# (`manage.py app_role`), which the owner may do: it has CREATEROLE.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
create role portal login nosuperuser createrole password '$OWNER_DB_PASSWORD';
create database portal owner portal;
SQL
