"""Slide-ready static prints (PNG, PDF, SVG) of a scene, drawn with matplotlib, offline and
identical every time: :mod:`~layers.printing.furniture` (frame, legend, scale bar, north
arrow, inset, titles, source line), :mod:`~layers.printing.drawers` (one per drawer of the
layer registry) and :mod:`~layers.printing.render` (the thin renderer that walks the
scene's drawing units). ``python -m geo print`` is :mod:`~layers.printing.command`."""
