"""HTML pages, one router module per page group."""
