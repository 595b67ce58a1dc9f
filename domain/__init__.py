"""Pure business rules of Fleet self-service: no framework, no database, no network."""
