"""The program catalog: schema, loading, validation and JSON views."""
