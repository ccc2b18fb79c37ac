"""The web app: public dashboard, search, person pages, archived documents and a JSON API.

Create it with :func:`tally.web.app.create_app`; it keeps no global state.
"""

from tally.web.app import create_app

__all__ = ["create_app"]
