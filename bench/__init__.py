"""Benchmark of the app against a naive folium build (issue 8): ``python bench/run.py``."""
