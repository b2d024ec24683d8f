"""s1reader: an offline reader for Stage1st forum thread archives."""

__version__ = "0.1.0"
