"""Map layers: a registry of what each layer draws.

One style table feeds the map, the legend, the print and the export.
"""
