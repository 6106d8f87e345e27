"""Running the service: settings, the server process and what guards every request."""
