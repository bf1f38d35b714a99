"""Beli Produk NTT: product folders -> validated catalogue -> static site."""

__version__ = "0.1.0"
