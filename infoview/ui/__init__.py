"""Widgets for the notebooks. They only wire controls to the kit's pure functions.

Each notebook step has one module here; ``common`` holds the shared pieces (escaped HTML,
status icons, the person picker). Importing this package loads ipywidgets, so the rest of
the kit never imports it.
"""
