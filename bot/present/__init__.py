"""Presentation: Dutch formatting, tables and charts, from values the data module reads."""
