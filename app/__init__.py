"""Doorbraakschool: online school for the Doorbraakmethode."""

__version__ = "0.1.0"
