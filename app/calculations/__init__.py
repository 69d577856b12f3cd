"""The sandboxed rekentool: saved practice calculations and organisation tariffs.

The arithmetic lives in ``app.calculator`` (pure); this package stores calculations, applies an
organisation's own tariffs over the course price list and turns form input into calculator input.
"""
