"""Finding programs."""
