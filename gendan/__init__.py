"""gendan (跟单): order follow-up for garment export merchandisers."""

__version__ = "0.1.0"
