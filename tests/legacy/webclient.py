"""Harness for end-to-end tests that drive the original Mirubato web client in a real browser.

The client (/work/shared/clients/mirubato-web, a pnpm workspace, read-only) is built once per
(client contents, API URLs, toolchain) and its `dist/` cached under var/cache/web-client/<key>/,
so only the first run pays for `pnpm install` and `tsc -b && vite build`. A test would:

    try:
        dist = build_web_client(live_server.url)
    except NpmRegistryUnreachable as exc:
        pytest.skip(f"WEB CLIENT TEST NOT RUN: {exc}")  # the only failure that may skip
    with serve_static(dist) as spa_url, sync_playwright() as pw:
        browser = launch_chromium(pw)
        page = browser.new_page()
        with screenshot_on_failure(page, "sign-in"):
            page.goto(f"{spa_url}/auth/verify?token=...")

What the built client cannot be told (read from its sources): the sync WebSocket URL is fixed by
the page's host, not by env: `wss://sync.mirubato.com` when served from 127.0.0.1 and
`ws://sync-mirubato.localhost:8787` from localhost, path `/sync/ws`; and the dictionary client
appends `/api/v1` to VITE_DICTIONARY_URL. Tests have to reroute those in the browser.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import http.server
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

ROOT = Path(__file__).resolve().parents[2]
CLIENT_DIR = Path(os.environ.get("MIRUBATO_WEB_CLIENT", "/work/shared/clients/mirubato-web"))
CACHE_DIR = ROOT / "var" / "cache" / "web-client"  # var/ is gitignored
ARTIFACTS_DIR = ROOT / "var" / "test-artifacts"
# npm reads npm_config_* case-insensitively; the registry checked must be the one pnpm uses.
NPM_REGISTRY = next(
    (v for k, v in os.environ.items() if k.lower() == "npm_config_registry" and v),
    "https://registry.npmjs.org/",
)
# The client's package.json has no `packageManager` field; its upstream CI installs "pnpm 10"
# (pnpm/action-setup version: 10) and pnpm-workspace.yaml's minimumReleaseAge needs >= 10.16.
# Pinned so the build (and the cache key) does not drift with each pnpm release.
PNPM_FALLBACK_VERSION = "10.34.9"
STEP_TIMEOUT = 900  # seconds per install/build step; a cold build takes about 1.5 minutes
# Error codes npm/pnpm print when the registry cannot be reached (as opposed to a broken build).
_NETWORK_MARKERS = (
    "ERR_PNPM_META_FETCH_FAIL",
    "ERR_PNPM_FETCH_",
    "ERR_SOCKET_TIMEOUT",
    "ECONNREFUSED",
    "ECONNRESET",
    "ENOTFOUND",
    "ENETUNREACH",
    "EAI_AGAIN",
    "ETIMEDOUT",
)

CHROMIUM = "/usr/bin/chromium"
# Same flags as tests/dictionary/test_browser.py. The machine's network is closed: without the
# background-networking/component/sync switches Chromium floods the log with refused connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class WebClientBuildError(RuntimeError):
    """The web client could not be built; the message ends with the build log's tail."""


class NpmRegistryUnreachable(WebClientBuildError):
    """The npm registry cannot be reached: the one reason a web-client test may skip."""


def _progress(message: str) -> None:
    print(f"[web-client] {message}", file=sys.stderr, flush=True)


# --- build -------------------------------------------------------------------------------------


def build_web_client(
    api_url: str,
    *,
    scores_url: str | None = None,
    dictionary_url: str | None = None,
    client_dir: Path = CLIENT_DIR,
    cache_dir: Path = CACHE_DIR,
    log: Callable[[str], None] = _progress,
) -> Path:
    """Return the `dist/` of the client built against these URLs, building it on a cache miss.

    The client reads the URLs at build time (import.meta.env) and honours them only when the page
    is served from localhost/127.0.0.1/*.localhost. Scores and dictionary default to `api_url`
    because this backend serves every API from one host."""
    env_values = {
        "VITE_API_URL": api_url,
        "VITE_SCORES_API_URL": scores_url or api_url,
        "VITE_DICTIONARY_URL": dictionary_url or api_url,
    }
    pnpm_version = _pnpm_version(client_dir)
    key_source = {
        "client": _tree_hash(client_dir),
        "env": env_values,
        "pnpm": pnpm_version,
        "node": _run_quiet(["node", "--version"]),
    }
    key = hashlib.sha256(json.dumps(key_source, sort_keys=True).encode()).hexdigest()[:16]
    target = cache_dir / key
    dist = target / "dist"
    if (dist / "index.html").is_file():
        log(f"cache hit {dist}")
        return dist

    with _locked(cache_dir / ".locks" / f"{key}.lock", log):
        if (dist / "index.html").is_file():  # built by whoever held the lock
            log(f"cache hit {dist} (built by a concurrent run)")
            return dist
        log(f"cache miss {key}: building {client_dir} with {env_values}")
        _check_registry()
        started = time.monotonic()
        pnpm = _install_pnpm(pnpm_version, cache_dir, log)
        # Built outside the project's tree: vite.config.ts runs `git rev-parse`, which would
        # otherwise pick up this repository's commit instead of failing harmlessly.
        with tempfile.TemporaryDirectory(prefix="mirubato-web-") as tmp:
            work = Path(tmp) / "client"
            _copy_writable(client_dir, work)
            build_log = Path(tmp) / "build.log"
            env = _build_env(env_values, pnpm.parent)
            store = str(cache_dir / "pnpm-store")  # shared, so rebuilds for other URLs are quick
            steps = [
                ("pnpm install", [str(pnpm), "install", "--frozen-lockfile", "--store-dir", store]),
                ("pnpm build", [str(pnpm), "--filter", "@mirubato/frontendv2", "build"]),
            ]
            for name, argv in steps:
                _run_step(name, argv, work, env, build_log, log)
            built = work / "frontendv2" / "dist"
            if not (built / "index.html").is_file():
                raise WebClientBuildError(f"build left no {built}/index.html\n{_tail(build_log)}")
            # Staged beside the target then renamed: readers never see a half-copied dist/.
            staging = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=cache_dir))
            shutil.copytree(built, staging / "dist")
            shutil.copy(build_log, staging / "build.log")
            meta = {**key_source, "pnpm_bin": str(pnpm), "seconds": time.monotonic() - started}
            (staging / "meta.json").write_text(json.dumps(meta, indent=2))
            os.rename(staging, target)
        log(f"built {dist} in {time.monotonic() - started:.0f}s")
        return dist


def _pnpm_version(client_dir: Path) -> str:
    manifest = json.loads((client_dir / "package.json").read_text())
    field = manifest.get("packageManager", "")
    if field.startswith("pnpm@"):
        return field.removeprefix("pnpm@").split("+")[0]  # drop a "+sha512..." integrity suffix
    return PNPM_FALLBACK_VERSION


def _tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in {"node_modules", "dist", ".git"})
        for name in sorted(filenames):
            path = Path(dirpath) / name
            digest.update(str(path.relative_to(folder)).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _run_quiet(argv: list[str]) -> str:
    try:
        return subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as exc:
        raise WebClientBuildError(f"`{' '.join(argv)}` failed: {exc}") from exc


@contextlib.contextmanager
def _locked(path: Path, log: Callable[[str], None]) -> Iterator[None]:
    """An exclusive flock: concurrent test runs (xdist workers, two terminals) build once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log(f"waiting for another build holding {path}")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _check_registry() -> None:
    """Fail fast (seconds, not a pnpm retry loop) when the registry is not reachable."""
    try:
        with urllib.request.urlopen(NPM_REGISTRY, timeout=10) as response:
            response.read(1)
    except urllib.error.HTTPError as exc:
        if exc.code >= 500:
            raise NpmRegistryUnreachable(f"{NPM_REGISTRY} answered HTTP {exc.code}") from exc
    except (OSError, urllib.error.URLError) as exc:  # DNS, refused, timeout, TLS
        raise NpmRegistryUnreachable(
            f"cannot reach the npm registry {NPM_REGISTRY}: {exc}"
        ) from exc


def _install_pnpm(version: str, cache_dir: Path, log: Callable[[str], None]) -> Path:
    """pnpm in a private prefix, not `npm i -g`/corepack: no root, no change to the machine."""
    prefix = cache_dir / f"pnpm-{version}"
    binary = prefix / "node_modules" / ".bin" / "pnpm"
    with _locked(cache_dir / ".locks" / f"pnpm-{version}.lock", log):
        if binary.exists():
            return binary
        log(f"installing pnpm@{version}")
        staging = Path(tempfile.mkdtemp(prefix=".pnpm-", dir=cache_dir))
        argv = ["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(staging)]
        result = subprocess.run(
            [*argv, f"pnpm@{version}"],
            capture_output=True,
            text=True,
            timeout=STEP_TIMEOUT,
        )
        if result.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            output = result.stdout + result.stderr
            error = _classify(output)
            raise error(f"npm install pnpm@{version} failed:\n{output[-3000:]}")
        os.rename(staging, prefix)
    return binary


def _copy_writable(source: Path, destination: Path) -> None:
    # shared/ is read-only and copytree keeps modes: without u+w pnpm cannot create node_modules.
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns("node_modules", "dist"))
    for dirpath, _dirnames, filenames in os.walk(destination):
        for path in [dirpath, *(os.path.join(dirpath, name) for name in filenames)]:
            os.chmod(path, os.stat(path).st_mode | stat.S_IWUSR)


def _build_env(env_values: dict[str, str], pnpm_bin_dir: Path) -> dict[str, str]:
    # Stray VITE_*/NODE_ENV from the caller's shell would change the bundle without changing
    # the cache key, so they are dropped; CI=true keeps pnpm non-interactive.
    env = {k: v for k, v in os.environ.items() if not k.startswith("VITE_") and k != "NODE_ENV"}
    env.update(env_values)
    env.update(
        CI="true",
        PATH=f"{pnpm_bin_dir}{os.pathsep}{env.get('PATH', '')}",
        npm_config_update_notifier="false",
    )
    return env


def _run_step(
    name: str,
    argv: list[str],
    cwd: Path,
    env: dict[str, str],
    build_log: Path,
    log: Callable[[str], None],
) -> None:
    log(f"{name} ...")
    started = time.monotonic()
    with build_log.open("a") as out:
        out.write(f"\n$ {' '.join(argv)}\n")
        out.flush()
        try:
            code = subprocess.run(
                argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=STEP_TIMEOUT
            ).returncode
        except subprocess.TimeoutExpired:
            code = None
    if code != 0:
        status = f"timed out after {STEP_TIMEOUT}s" if code is None else f"exited {code}"
        tail = _tail(build_log)
        raise _classify(tail)(f"{name} {status}; log tail:\n{tail}")
    log(f"{name} done in {time.monotonic() - started:.0f}s")


def _classify(output: str) -> type[WebClientBuildError]:
    if any(marker in output for marker in _NETWORK_MARKERS):
        return NpmRegistryUnreachable
    return WebClientBuildError


def _tail(path: Path, lines: int = 60) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


# --- static server -----------------------------------------------------------------------------


class _SpaHandler(http.server.SimpleHTTPRequestHandler):
    """Files from dist/; any other page path answers index.html so client routes
    (/auth/verify?token=..., /logbook) load the app. A missing asset stays a 404."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        # Module scripts are refused unless served with a JavaScript MIME type.
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".wasm": "application/wasm",
        ".webmanifest": "application/manifest+json",
    }

    def send_head(self) -> Any:
        local = Path(self.translate_path(self.path))
        missing = not (local.is_file() or (local / "index.html").is_file())
        # A navigation (Accept: text/html) may carry dots, e.g. a slug; a script fetch may not.
        navigation = "text/html" in self.headers.get("Accept", "")
        if missing and (navigation or not Path(self.path.split("?", 1)[0]).suffix):
            self.path = "/index.html"
        return super().send_head()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # one line per asset would drown the test output


@contextlib.contextmanager
def serve_static(dist: Path, port: int = 0) -> Iterator[str]:
    """Serve the SPA on http://127.0.0.1:<port> (a free one by default) in a background thread.

    127.0.0.1, because the client uses VITE_API_URL only on a loopback host. Pass a fixed
    port when the backend's CORS_ALLOWED_ORIGINS must name the SPA's origin in advance."""
    handler = functools.partial(_SpaHandler, directory=str(dist))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, name="web-client-static", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- browser -----------------------------------------------------------------------------------


def chromium_executable() -> str | None:
    """Debian's Chromium (never `playwright install`), or None when it is not installed."""
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    return shutil.which("chromium")


def launch_chromium(
    playwright: Playwright, *, extra_args: Sequence[str] = (), **launch_options: Any
) -> Browser:
    """Headless Debian Chromium through Playwright. `extra_args` is for e.g.
    `--host-resolver-rules=MAP sync-mirubato.localhost:8787 127.0.0.1:8000`."""
    executable = chromium_executable()
    if executable is None:
        raise FileNotFoundError(
            f"Chromium is not installed at {CHROMIUM} (make browser, or apt-get install chromium)"
        )
    return playwright.chromium.launch(
        executable_path=executable,
        headless=True,
        args=[*CHROMIUM_ARGS, *extra_args],
        **launch_options,
    )


def watch_console(page: Page) -> list[str]:
    """Collect the page's console errors and uncaught exceptions, for assertions and reports."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    return errors


def save_screenshot(page: Page, name: str, folder: Path = ARTIFACTS_DIR) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^\w.-]+", "-", name).strip("-") or "page"
    path = folder / f"{safe}-{time.strftime('%Y%m%d-%H%M%S')}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@contextlib.contextmanager
def screenshot_on_failure(page: Page, name: str, folder: Path = ARTIFACTS_DIR) -> Iterator[None]:
    """Save a full-page screenshot when the block raises (pytest.fail too), then re-raise."""
    try:
        yield
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException:
        try:
            print(f"screenshot saved: {save_screenshot(page, name, folder)}", file=sys.stderr)
        except Exception as exc:  # a dead page must not hide the original failure
            print(f"screenshot failed: {exc}", file=sys.stderr)
        raise
