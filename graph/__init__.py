"""The graph: schema, stores, writer, analytics and exports."""
