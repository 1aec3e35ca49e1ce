"""The browser sweep over the first half of the site's pages (see sweep_checks.py)."""

from .sweep_checks import *  # noqa: F401,F403  (the sweep fixture and its checks)

SHARD = 0
