"""RTM token minting with Agora's Python builder (PyPI agoraiotools,
RtmTokenBuilder2.build_token), for scripts/bench-peers.sh.

python tokens.py COUNT SECS  ->  one JSON line; stops after COUNT tokens or
SECS seconds. The last token goes to stderr so the script can verify it.
"""
import json
import resource
import sys
import time

from agoraiotools.RtmTokenBuilder2 import RtmTokenBuilder

APP_ID = "0123456789abcdef0123456789abcdef"
CERTIFICATE = "fedcba9876543210fedcba9876543210"
USER = "peer_bench_user"
EXPIRE = 3600


def main():
    count, secs = int(sys.argv[1]), float(sys.argv[2])
    token = RtmTokenBuilder.build_token(APP_ID, CERTIFICATE, USER, EXPIRE)
    cpu0, t0 = time.process_time(), time.perf_counter()
    minted = 0
    while minted < count:
        token = RtmTokenBuilder.build_token(APP_ID, CERTIFICATE, USER, EXPIRE)
        minted += 1
        if minted % 1024 == 0 and time.perf_counter() - t0 >= secs:
            break
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    print(json.dumps({
        "side": "agoraiotools (Python)", "calls": minted, "concurrency": 1,
        "secs": round(elapsed, 3), "rate": round(minted / elapsed, 1),
        "cpu_us_per_call": round(cpu * 1e6 / minted, 3),
        "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }))
    print(token, file=sys.stderr)


main()
