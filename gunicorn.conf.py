"""gunicorn defaults for `gunicorn mirubato.wsgi:application` (each can be overridden by the
environment: PORT, WEB_CONCURRENCY, GUNICORN_TIMEOUT). https://docs.gunicorn.org/en/stable/settings.html

`make run` serves HTTP and WebSocket together: GUNICORN_WORKER_CLASS=sync.realtime.worker.
RealtimeUvicornWorker with `mirubato.asgi:application`. The default worker serves the WSGI app."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# The app keeps no state in-process, so workers scale with cores.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
if worker_class != "sync" and not os.environ.get("REALTIME_REDIS_URL", os.environ.get("REDIS_URL")):
    # Without Redis the channel layer and the connection count live in one process: a change
    # committed in one worker would never reach sockets held by another.
    workers = 1
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak can never take a host down.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
