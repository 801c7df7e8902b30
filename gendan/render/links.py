"""Addresses of the pages `gendan site` writes (render/site.py lays the site out): relative links
between its pages, and, when gendan.yaml says where the site is published (`site.url`), the
absolute address of an order's page, which chat and mail alerts and calendar events link to."""

from __future__ import annotations


def href(*parts: str) -> str:
    """A relative link from path parts, each URL-quoted whole (`:` too): an id or a file name
    never becomes a scheme (`javascript:`), a query, a fragment or a climb out (`..` is no id)."""
    from urllib.parse import quote

    return "/".join(quote(part, safe="") for part in parts)


def absolute(site_url: str, *parts: str) -> str:
    """The address of a page of the site published at `site_url`."""
    return f"{site_url.rstrip('/')}/{href(*parts)}"


def order_url(site_url: str, order: str) -> str:
    """The address of an order's page (orders/ID.html) on the site published at `site_url`."""
    return absolute(site_url, "orders", order + ".html")
