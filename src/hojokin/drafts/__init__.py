"""Program drafts for review: documents an issuer's staff upload, ingested into drafts
that are stored with the document's text and shown beside it."""
