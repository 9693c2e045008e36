"""Party-building pages, one module a concern."""
