"""AngioVoice composition: settings, the assistant built once, the Flask app factory and the CLI."""

__version__ = "0.1.0"
