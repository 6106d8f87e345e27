"""What the front ends show of the domain: the JSON of docs/contract.md, which the API
and the CLI print alike, and the Japanese labels the CLI and the web share."""
