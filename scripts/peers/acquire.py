"""Cloud Recording acquire through the transport of Agora's Python REST
client (PyPI agora-rest-client-python), for scripts/bench-peers.sh.

That package only wraps Conversational AI (join/leave), so this drives its
shared transport, agora_rest.api.base_handler.BaseHandler
(do_rest_with_retry: a requests.Session with the Basic auth header, JSON
body, its retry policy), with the acquire path and body, and points its
Config at the loopback server instead of api.agora.io.

python acquire.py URL CALLS CONCURRENCY SECS  ->  one JSON line.
"""
import json
import logging
import resource
import sys
import threading
import time

from agora_rest.api.base_handler import BaseHandler
from agora_rest.auth import BasicAuthCredential
from agora_rest.config import Config

APP_ID = "0123456789abcdef0123456789abcdef"
CUSTOMER_ID = "agora-mock-customer"
CUSTOMER_SECRET = "agora-mock-secret"


class LoopbackConfig(Config):
    """The package's Config, sending to the loopback server."""

    def __init__(self, url, **kwargs):
        super().__init__(**kwargs)
        self.url = url

    def get_base_url(self):
        return self.url


def body(n):
    return {"cname": f"peers_{n % 16}", "uid": "527841",
            "clientRequest": {"scene": 0, "resourceExpiredHour": 24}}


def main():
    url, calls, concurrency, secs = (sys.argv[1], int(sys.argv[2]),
                                     int(sys.argv[3]), float(sys.argv[4]))
    if not (url.startswith("http://127.") or url.startswith("http://[::1]")):
        sys.exit("URL must be a loopback http:// address")
    logger = logging.getLogger("peers")
    logger.setLevel(logging.WARNING)
    config = LoopbackConfig(url, app_id=APP_ID,
                            credential=BasicAuthCredential(CUSTOMER_ID, CUSTOMER_SECRET),
                            http_timeout=10, retry_count=3, logger=logger)
    path = f"/v1/apps/{APP_ID}/cloud_recording/acquire"

    def handler():
        # One handler (and so one requests.Session) per thread.
        return BaseHandler(module="cloudRecording:acquire", logger=logger,
                           retry_count=config.retry_count, config=config, prefix_path="")

    first = json.loads(handler().do_rest_with_retry(path, "POST", body(0)).raw_body)
    if not first.get("resourceId"):
        sys.exit("acquire answered without a resource ID")

    lock = threading.Lock()
    state = {"next": 0, "done": 0, "failed": 0}
    deadline = time.perf_counter() + secs

    def worker():
        h = handler()
        n = 0
        while True:
            with lock:
                if state["next"] >= calls or time.perf_counter() >= deadline:
                    return
                state["next"] += 1
            try:
                resp = h.do_rest_with_retry(path, "POST", body(n))
                json.loads(resp.raw_body)
                ok = True
            except Exception:  # counted, reported as a failure below
                ok = False
            n += 1
            with lock:
                state["done"] += 1
                state["failed"] += 0 if ok else 1

    cpu0, t0 = time.process_time(), time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    if state["failed"]:
        sys.exit(f"{state['failed']} of {state['done']} acquires failed")
    done = max(state["done"], 1)
    print(json.dumps({
        "side": "agora-rest-client-python transport", "calls": state["done"],
        "concurrency": concurrency, "secs": round(elapsed, 3),
        "rate": round(state["done"] / elapsed, 1),
        "cpu_us_per_call": round(cpu * 1e6 / done, 3),
        "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }))


main()
