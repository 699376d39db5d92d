#!/usr/bin/env bash
# agora-api against Agora's official packages, in one run against one
# loopback server (the project's emulator, agora-mock):
#
#   * RTM AccessToken2 minting: agora-api's TokenBuilder::rtm_token vs
#     PyPI agoraiotools (RtmTokenBuilder2.build_token) and npm agora-token
#     (RtmTokenBuilder.buildToken), one thread each;
#   * a Cloud Recording acquire: agora-api's Client vs the transport of PyPI
#     agora-rest-client-python (its BaseHandler; the package itself only
#     wraps Conversational AI), at concurrency 1 and 32.
#
# Each driver prints its rate, CPU per call and peak RSS; the script prints
# a Markdown table with the ratios (agora-api / peer). The packages go into
# $PEERS_DIR (default target/peers: a venv and a node_modules, never
# committed). Every run is bounded in calls and seconds, the emulator is
# started with a time limit and stopped at the end, and only 127.0.0.1 is
# ever contacted. Not part of CI.
#
#   scripts/bench-peers.sh [--tokens N] [--calls N] [--secs S]
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
PEERS_DIR=${PEERS_DIR:-$ROOT/target/peers}
TOKENS=200000     # tokens per minting run (or --secs, whichever first)
CALLS=5000        # acquires per run
SECS=10           # time limit of each run
AGORAIOTOOLS=${AGORAIOTOOLS:-agoraiotools==0.3.4}
REST_CLIENT=${REST_CLIENT:-agora-rest-client-python==0.1.3}
AGORA_TOKEN=${AGORA_TOKEN:-agora-token@2.0.6}

while [ $# -gt 0 ]; do
    case $1 in
        --tokens) TOKENS=$2; shift 2 ;;
        --calls) CALLS=$2; shift 2 ;;
        --secs) SECS=$2; shift 2 ;;
        *) echo "usage: $0 [--tokens N] [--calls N] [--secs S]" >&2; exit 2 ;;
    esac
done

for tool in python3 node npm cargo; do
    command -v "$tool" >/dev/null || { echo "bench-peers: $tool is needed" >&2; exit 1; }
done

echo "== installing the official packages into $PEERS_DIR" >&2
mkdir -p "$PEERS_DIR"
if [ ! -x "$PEERS_DIR/venv/bin/python" ]; then
    python3 -m venv "$PEERS_DIR/venv"
fi
PY=$PEERS_DIR/venv/bin/python
"$PY" -m pip install --quiet --disable-pip-version-check "$AGORAIOTOOLS" "$REST_CLIENT"
npm install --silent --no-audit --no-fund --prefix "$PEERS_DIR/node" "$AGORA_TOKEN" >/dev/null
export NODE_PATH=$PEERS_DIR/node/node_modules

echo "== building agora-api's driver and the emulator (release)" >&2
cargo build --quiet --release -p agora-api --example peer_bench
cargo build --quiet --release -p agora-mock
RUST=$ROOT/target/release/examples/peer_bench

LOG=$(mktemp)
# The emulator stops by itself after 30 minutes at most.
timeout 1800 "$ROOT/target/release/agora-mock" --host 127.0.0.1 --port 0 --seed 1 >"$LOG" 2>&1 &
MOCK=$!
trap 'kill "$MOCK" 2>/dev/null || true; rm -f "$LOG"' EXIT
URL=
for _ in $(seq 100); do
    URL=$(sed -n 's/^agora-mock serving .* at \(http:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$LOG")
    [ -n "$URL" ] && break
    sleep 0.1
done
[ -n "$URL" ] || { echo "bench-peers: the emulator did not start:" >&2; cat "$LOG" >&2; exit 1; }
echo "== emulator at $URL" >&2

RESULTS=$(mktemp)
trap 'kill "$MOCK" 2>/dev/null || true; rm -f "$LOG" "$RESULTS"' EXIT

exec 3>&2
# run KIND COMMAND...: appends "KIND<TAB>json" to $RESULTS.
run() {
    local kind=$1
    shift
    local line
    line=$("$@")
    echo "$line" >&3
    printf '%s\t%s\n' "$kind" "$line" >>"$RESULTS"
}

echo "== RTM token minting, one thread, $TOKENS tokens or $SECS s" >&2
TOKEN_ERR=$(mktemp)
run tokens "$RUST" tokens --count "$TOKENS" --secs "$SECS"
run tokens "$PY" scripts/peers/tokens.py "$TOKENS" "$SECS" 2>"$TOKEN_ERR"
"$RUST" verify "$(tail -1 "$TOKEN_ERR")" >&2    # the Python token verifies here
run tokens node scripts/peers/tokens.js "$TOKENS" "$SECS" 2>"$TOKEN_ERR"
"$RUST" verify "$(tail -1 "$TOKEN_ERR")" >&2    # and so does Node's
rm -f "$TOKEN_ERR"

for c in 1 32; do
    echo "== Cloud Recording acquire, concurrency $c, $CALLS calls or $SECS s" >&2
    run "acquire C=$c" "$RUST" acquire --url "$URL" --calls "$CALLS" --concurrency "$c" --secs "$SECS"
    run "acquire C=$c" "$PY" scripts/peers/acquire.py "$URL" "$CALLS" "$c" "$SECS"
done

"$PY" - "$RESULTS" <<'EOF'
import json, sys
rows = [line.rstrip("\n").split("\t", 1) for line in open(sys.argv[1])]
ours = {}
for kind, text in rows:
    r = json.loads(text)
    if r["side"] == "agora-api":
        ours[kind] = r
print("| benchmark | side | calls | calls/s | CPU per call | peak RSS | agora-api rate / peer rate | peer CPU / agora-api CPU |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for kind, text in rows:
    r = json.loads(text)
    o = ours[kind]
    ratio = "—" if r["side"] == "agora-api" else f"{o['rate'] / r['rate']:.1f}x"
    cpu = "—" if r["side"] == "agora-api" else f"{r['cpu_us_per_call'] / o['cpu_us_per_call']:.1f}x"
    print(f"| {kind} | {r['side']} | {r['calls']} | {r['rate']:,.0f} | "
          f"{r['cpu_us_per_call']:.1f} µs | {r['peak_rss_kib'] / 1024:.1f} MiB | {ratio} | {cpu} |")
EOF
