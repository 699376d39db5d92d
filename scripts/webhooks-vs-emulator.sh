#!/usr/bin/env bash
# The webhook receiver example against the emulator's own deliveries:
# agora-mock --webhook-url POSTs signed RTC channel events as users join
# (seeded with --channel) and leave (a ban rule kicks one), and the
# receiver verifies, de-duplicates and prints them, then exits after the
# expected count. Fails if either side misbehaves or it takes over 120 s.
set -euo pipefail
cd "$(dirname "$0")/.."

secret="ci-ncs-secret-$$"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
receiver_port=$(free_port)
mock_port=$(free_port)
out=$(mktemp)
cargo build -q -p agora-api --features axum --example webhook_receiver
cargo build -q -p agora-mock
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')

# 101 created, 103 for 7 and for 8, 104 for 7 (kicked): four events.
AGORA_NCS_SECRET="$secret" timeout 120 "$target_dir/debug/examples/webhook_receiver" \
  --listen "127.0.0.1:$receiver_port" --exit-after 4 >"$out" &
receiver=$!
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$receiver_port") 2>/dev/null && break
  sleep 0.1
done
AGORA_NCS_SECRET="$secret" "$target_dir/debug/agora-mock" --port "$mock_port" \
  --webhook-url "http://127.0.0.1:$receiver_port/ncs" --channel demo=7,8 >/dev/null &
mock=$!
trap 'kill $mock 2>/dev/null || true; kill $receiver 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 100); do
  curl -sf -o /dev/null -u agora-mock-customer:agora-mock-secret \
    "http://127.0.0.1:$mock_port/dev/v1/projects" && break
  sleep 0.1
done
curl -sf -o /dev/null -u agora-mock-customer:agora-mock-secret \
  -H 'content-type: application/json' \
  -d '{"appid":"0123456789abcdef0123456789abcdef","cname":"demo","uid":7,"time":0,"privileges":["join_channel"]}' \
  "http://127.0.0.1:$mock_port/dev/v1/kicking-rule"
wait "$receiver"
cat "$out"
for line in "rtc: demo channel created" "rtc: 7 joined demo" "rtc: 8 joined demo" "rtc: 7 left demo"; do
  grep -qxF "$line" "$out" || { echo "the receiver did not print: $line" >&2; exit 1; }
done
echo "the receiver verified and printed the emulator's deliveries"
