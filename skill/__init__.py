"""Channel adapter package (see its issue)."""
