"""What one unauthenticated request with a large JSON body costs: CPU time and peak memory of
the request through the test client, on a route that reads no JSON and on the API.

    .venv/bin/python bench/json_body_bench.py

Each case runs in a process of its own (the peak resident size of a process only grows), on
an in-memory SQLite database with the rate limits off. Memory: how much the request raised the
process's peak resident size (0: it stayed under the peak of making the body), and the peak of
the Python allocations while the same request is sent again, traced (the test client's copy of
the body included)."""
import json
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

BODY = b"[" + b"[]," * 3_800_000 + b"[]]"  # 11.4 MB of nested empty lists
CASES = {
    "/nowhere (no route)": "/nowhere",
    "/auth/login (a form)": "/auth/login",
    "/api/v1/reports (the API)": "/api/v1/reports",
}


def measure(path):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from consult import create_app
    from consult.config import TestConfig
    from consult.extensions import db

    app = create_app(TestConfig)
    with app.app_context():
        db.create_all()
    client = app.test_client()
    client.get("/nowhere")  # warm up: imports, templates
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu = time.process_time()
    status = send(client, path)
    cpu = time.process_time() - cpu
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - baseline
    tracemalloc.start()  # the same request again, its allocations traced (slower: not timed)
    send(client, path)
    traced = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"status": status, "cpu_ms": round(cpu * 1000), "peak_mb": round(grown / 1024),
            "traced_mb": round(traced / 1e6, 1)}


def send(client, path):
    try:
        return client.post(path, data=BODY, headers={"Content-Type": "application/json"}).status_code
    except Exception as error:  # the test client raises what the app did not handle  # noqa: BLE001
        return type(error).__name__


def main():
    if len(sys.argv) == 2:
        print(json.dumps(measure(sys.argv[1])))
        return
    print(f"body: {len(BODY) / 1e6:.1f} MB, Content-Type: application/json")
    print(f"{'route':28} {'status':>10} {'CPU ms':>7} {'peak RSS growth MB':>19} {'peak traced MB':>15}")
    for name, path in CASES.items():
        out = subprocess.run([sys.executable, __file__, path], capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{name:28} {row['status']:>10} {row['cpu_ms']:>7} {row['peak_mb']:>19} {row['traced_mb']:>15}")


if __name__ == "__main__":
    main()
