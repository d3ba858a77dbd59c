"""The only URLs the wizard opens (the allow-list lives in the core module wizard.urls)."""

from __future__ import annotations

from wizard.urls import ALLOWED_HOSTS, is_allowed_url

__all__ = ["ALLOWED_HOSTS", "is_allowed_url"]
