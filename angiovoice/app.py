"""The Flask app factory: health checks, metrics, and one blueprint per voice channel."""

from __future__ import annotations

import logging

from flask import Flask, json, jsonify
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from angiovoice.assistant import Assistant, get_assistant
from angiovoice.events import EXTENSION as EVENTS_EXTENSION
from angiovoice.events import EventRecorder, open_recorder
from angiovoice.forms import AppRequest
from angiovoice.ops import init_app as init_ops
from angiovoice.settings import Settings

log = logging.getLogger(__name__)

# No request this app serves comes near this: Alexa's are a few kilobytes (skill.web refuses
# more than 128 KiB itself), Twilio's forms about two. A larger body, with or without a
# Content-Length, is cut off here instead of being read into memory whole.
MAX_REQUEST_BYTES = 256 * 1024


def create_app(
    settings: Settings | None = None,
    assistant: Assistant | None = None,
    recorder: EventRecorder | None = None,
) -> Flask:
    """The app. ``recorder`` defaults to one on the settings' event store; it is flushed and
    closed at exit (atexit, and gunicorn's worker_exit hook: see angiovoice.server)."""
    settings = settings or Settings.from_env()
    assistant = (assistant or get_assistant()).load_everything()

    app = Flask("angiovoice")
    app.request_class = AppRequest  # Twilio's form bodies read quicker: see angiovoice.forms
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    app.config["ANGIOVOICE_SETTINGS"] = settings
    app.extensions["angiovoice"] = assistant
    app.extensions[EVENTS_EXTENSION] = recorder or open_recorder(settings)
    init_ops(app)  # request ids, access log, metrics; /readyz and /metrics

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> ResponseReturnValue:
        """A refused request (an unknown path, a wrong method, a body too large) is answered
        in JSON, like the rest of the API, with werkzeug's status and headers (Allow on 405)."""
        response = exc.get_response()
        response.set_data(json.dumps({"error": exc.name, "status": exc.code}))
        response.mimetype = "application/json"
        return response

    @app.get("/healthz")
    def healthz() -> ResponseReturnValue:
        return jsonify(status="ok", catalog=assistant.catalog.version)

    from ivr.web import create_blueprint as phone_blueprint
    from skill.web import create_blueprint as alexa_blueprint

    app.register_blueprint(alexa_blueprint(settings, assistant))
    app.register_blueprint(phone_blueprint(settings, assistant))
    if settings.dev:  # the clinicians' review page: development only, 404 in production
        from angiovoice.review import review_blueprint

        app.register_blueprint(review_blueprint(assistant))
    return app
