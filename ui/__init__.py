"""Streamlit-side helpers of the app: texts in two languages, URL state, HTML cards."""
