"""Pages of the foundation, one module a concern."""
