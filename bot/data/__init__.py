"""The data: schema-driven build of the database, the read-only Store, the one reading of figures."""
