"""Users, roles, passwords, sessions and the one permission policy."""
