"""Service KPIs: per-conversation measures and their aggregation."""
