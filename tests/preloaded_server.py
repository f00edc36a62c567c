"""A gunicorn server whose app is built in the master, before the workers fork (as gunicorn's
--preload would), for tests/test_events.py: each worker must still write its own turn events
and flush them when it exits. Settings come from the environment."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

from angiovoice.app import create_app
from angiovoice.server import gunicorn_options
from angiovoice.settings import Settings


class PreloadedServer(BaseApplication):  # type: ignore[misc]
    def load_config(self) -> None:
        settings = Settings.from_env()
        self.application = create_app(settings)  # here, in the master
        for key, value in gunicorn_options(settings).items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.application


if __name__ == "__main__":
    PreloadedServer().run()
