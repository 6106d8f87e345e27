"""Accounts of the program office's workflow: issuers, companies, users and their
roles, API tokens, web sessions and password resets (`signin`), and the audit trail;
every permission is checked in `service`."""
