"""The only URLs the wizard opens (the allow-list lives in the core module wizard.urls)."""

from __future__ import annotations

from wizard.urls import ALLOWED_HOSTS, ALLOWED_PAGES, is_allowed_url, is_under_page

__all__ = ["ALLOWED_HOSTS", "ALLOWED_PAGES", "is_allowed_url", "is_under_page"]
