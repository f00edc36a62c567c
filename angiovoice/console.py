"""The console channel: text in, text (and optionally speech) out, state kept in this process.

For the console the process is the transport, so the dialog state lives here, just as it
lives in Alexa's session attributes or in the phone line's action URLs.
"""

from __future__ import annotations

from intents.catalog import LAUNCH
from intents.handlers import Router
from intents.model import DialogState, Reply, Turn

CHANNEL = "console"


class ConsoleConversation:
    def __init__(self, router: Router, locale: str) -> None:
        self.router = router
        self.locale = locale
        self.state = DialogState()
        self.started = False

    def _turn(self, turn: Turn) -> Reply:
        reply = self.router.respond(turn)
        self.state = reply.state
        self.started = True
        return reply

    def welcome(self) -> Reply:
        return self._turn(
            Turn(channel=CHANNEL, locale=self.locale, intent=LAUNCH, new_session=True)
        )

    def ask(self, text: str) -> Reply:
        return self._turn(
            Turn(
                channel=CHANNEL,
                locale=self.locale,
                text=text,
                state=self.state,
                new_session=not self.started,
            )
        )
