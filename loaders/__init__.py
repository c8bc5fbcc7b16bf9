"""Loaders: read reports and tables, extract entities and relations, hand them to the graph writer."""
