"""The servers of the benchmarks: gunicorn started on a free port of 127.0.0.1, and stopped
(with the test suite's helpers)."""
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.helpers import free_port
from tests.helpers import stop_process as stop

ROOT = Path(__file__).resolve().parent.parent


def start_gunicorn(app_spec, env, log, workers=2, threads=None, timeout=None, probe="/healthz", wait=30):
    """gunicorn serving `app_spec` on a free port, its output written to the open file `log`;
    returns (process, base URL) once `probe` answers."""
    port = free_port()
    cmd = [sys.executable, "-m", "gunicorn", "-w", str(workers)]
    if threads is not None:
        cmd += ["--threads", str(threads)]
    if timeout is not None:
        cmd += ["--timeout", str(timeout)]
    cmd += ["-b", f"127.0.0.1:{port}", "--log-level", "warning", app_spec]
    process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait
    while True:
        try:
            with urllib.request.urlopen(url + probe, timeout=2):
                return process, url
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"gunicorn exited before answering ({app_spec}); its output went to {log.name}")
            if time.monotonic() > deadline:
                stop(process)
                raise SystemExit(f"gunicorn did not answer within {wait} s ({app_spec})")
            time.sleep(0.1)

