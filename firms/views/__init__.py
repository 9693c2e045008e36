"""Pages of the registry, one module a concern."""
