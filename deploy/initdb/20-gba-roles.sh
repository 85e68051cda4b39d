#!/bin/sh
# First start of the database container (docker-entrypoint-initdb.d, after the image has
# created POSTGRES_DB and the PostGIS extension in it): the roles of docs/deploy.md.
#   gba_owner  owns the database and the gba schema: runs `python -m geo db init/load`
#   gba_app    what every app server connects as: reads, publishes and deletes layers;
#              no CREATE anywhere (granted by `python -m geo db init --app-role gba_app`)
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner_pw="$GBA_OWNER_PASSWORD" -v app_pw="$GBA_APP_PASSWORD" -v db="$POSTGRES_DB" <<'SQL'
CREATE ROLE gba_owner LOGIN PASSWORD :'owner_pw';
CREATE ROLE gba_app LOGIN PASSWORD :'app_pw';
ALTER DATABASE :"db" OWNER TO gba_owner;
CREATE EXTENSION IF NOT EXISTS postgis;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO gba_app;
SQL
