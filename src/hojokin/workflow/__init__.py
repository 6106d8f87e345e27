"""The program office's workflow: calls (公募回) with their interview slots, bookings,
applications with their documents, submission with a 受付番号, and the office's own
actions on them. `service.Workflow` is the one entry; every call takes the actor and
goes through the permission table and the audit trail of `hojokin.accounts`."""
