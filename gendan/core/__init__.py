"""The core: errors and findings, the order and config models, money. Imports nothing of gendan."""
