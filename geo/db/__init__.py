"""The optional PostgreSQL/PostGIS store (``GBA_DATABASE_URL``): the gazetteer, queries by
view extent, layers published to the team, and the PostGIS export.

Modules, each with one job:

- :mod:`geo.db.connect` — ``Database``: the pool, read-only and write transactions;
- :mod:`geo.db.migrations` — ordered migrations of the fixed tables, the app role's grants;
- :mod:`geo.db.frames` — a table derived from a frame: DDL, ``COPY`` in, read back equal;
- :mod:`geo.db.gazetteer_store` — ``db init`` / ``db load`` and ``read_gazetteer``;
- :mod:`geo.db.views` — places and links of one view (extent + filters, limit, count);
- :mod:`geo.db.published` — publish, list, read by extent, delete by owner;
- :mod:`geo.db.postgis_export` — ``python -m geo export --format postgis``;
- :mod:`geo.db.cli` — the ``db`` command; :mod:`geo.db.cluster` — a throw-away cluster
  for tests and the benchmark; :mod:`geo.db.errors` — ``DatabaseError``.
"""
