"""Mail: the outbox written in the transaction of the change it tells of, and the
worker (`hojokin worker`) that sends it over SMTP."""
