# AngioVoice production image: gunicorn serving the Alexa endpoint and the Twilio phone line.
#   docker build -t angiovoice .
#   docker run -p 8000:8000 -e ALEXA_SKILL_ID=... -e TWILIO_AUTH_TOKEN=... -v angiovoice-data:/data angiovoice
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin angiovoice \
 && mkdir -p /data && chown angiovoice:angiovoice /data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY angiovoice ./angiovoice
COPY prompts ./prompts
COPY intents ./intents
COPY skill ./skill
COPY ivr ./ivr
RUN pip install . && rm -rf /root/.cache

USER angiovoice
ENV HOST=0.0.0.0 \
    PORT=8000 \
    ANGIOVOICE_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\", \"8000\")}/healthz', timeout=2)" || exit 1

# Refuses to start without ALEXA_SKILL_ID and TWILIO_AUTH_TOKEN (see README, Configuration).
CMD ["angiovoice", "serve"]
