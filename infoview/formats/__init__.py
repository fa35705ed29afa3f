"""Readers and writers of outside formats. Nothing here touches the tracker or the widgets."""
