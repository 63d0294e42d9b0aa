"""Streamlit side of the dashboard: entry point, page registry, UI pieces, figures, strings."""
