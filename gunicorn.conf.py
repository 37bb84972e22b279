"""gunicorn defaults for `gunicorn mirubato.wsgi:application` (each can be overridden by the
environment: PORT, WEB_CONCURRENCY, GUNICORN_TIMEOUT). https://docs.gunicorn.org/en/stable/settings.html

`make run` serves HTTP and WebSocket together: GUNICORN_WORKER_CLASS=sync.realtime.worker.
RealtimeUvicornWorker with `mirubato.asgi:application`. The default worker serves the WSGI app."""

import multiprocessing
import os
import shutil
import tempfile
from pathlib import Path

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

# --- operations (docs/operations.md) -------------------------------------------------------
# Metrics: every worker counts into files of its own in PROMETHEUS_MULTIPROC_DIR and /metrics
# adds them up. Set it to a folder for this server alone (it is emptied at each start); unset,
# a fresh temporary folder is made and removed on exit.
# https://prometheus.github.io/client_python/multiprocess/
_METRICS_DIR_MADE = not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if _METRICS_DIR_MADE:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="mirubato-metrics-")


def on_starting(server):
    folder = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.db"):  # a previous server's counts would be added to ours
        stale.unlink()


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)  # its live gauges (open sockets) stop counting


def on_exit(server):
    if _METRICS_DIR_MADE:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)


# Logs: with LOG_FORMAT=json (the default when DEBUG is off, as in settings) gunicorn's own
# lines are JSON objects too, and its access log is off: the app writes one JSON line per
# request with its id, route, status and timings.
_DEBUG = os.environ.get("DEBUG", "True").strip().lower() in {"true", "on", "ok", "y", "yes", "1"}
if os.environ.get("LOG_FORMAT", "text" if _DEBUG else "json") == "json":
    accesslog = None
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "mirubato.telemetry.logs.JsonFormatter"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            }
        },
        "loggers": {
            "gunicorn.error": {
                "handlers": ["console"],
                "level": loglevel.upper(),
                "propagate": False,
            },
            "gunicorn.access": {"handlers": [], "propagate": False},
        },
    }
