"""Ingestion: a document (PDF, HTML, DOCX, text) read into lines, cut into the programs
it describes, and drafted as program files whose every value cites its line
(`hojokin ingest`; `service` is the entry point, README "Turning a document into program
data")."""
