"""Streamlit-only helpers shared by the pages: session state, cached loaders, widgets."""
