"""Pages of casework, one module a concern."""
