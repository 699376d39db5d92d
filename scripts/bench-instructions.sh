#!/usr/bin/env bash
# Instructions per call of each routine the criterion benches compare
# (agora-api against the hand-written baselines), counted by callgrind, and
# of a whole client process of the throughput bench per call.
# Unlike times, the counts do not move with the load of a shared machine;
# they do not see cache misses or branch mispredictions either, so they
# complement the times of `cargo bench`, not replace them.
#
# Usage: scripts/bench-instructions.sh [SECONDS]   (default 1 s per routine,
# of valgrind time; each run also counts the routine's one check call)
#
# Needs valgrind (callgrind_annotate comes with it). Writes its profiles to
# BENCH_INSTRUCTIONS_DIR (default /tmp/agora-bench-instructions).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-1}"
out="${BENCH_INSTRUCTIONS_DIR:-/tmp/agora-bench-instructions}"
mkdir -p "$out"

# executable BENCH: the path of a bench binary, built if needed.
executable() {
    (cd "$root" && cargo bench -q -p agora-api --bench "$1" --no-run --message-format=json 2>/dev/null) |
        grep "\"name\":\"$1\"" | grep -o '"executable":"[^"]*"' | cut -d'"' -f4 | tail -1
}

# per_call PROFILE FUNCTION: inclusive instructions per call of FUNCTION,
# from callgrind_annotate's caller tree (each function's callers, with
# call counts, above its own line).
per_call() {
    callgrind_annotate --tree=caller --inclusive=yes "$1" 2>/dev/null | awk -v fn="$2 [" '
        /^ *[0-9,]+ .*< / { callers[++n] = $0; next }
        /\* / {
            if (index($0, fn)) {
                for (i = 1; i <= n; i++)
                    if (match(callers[i], /\([0-9,]+x\)/)) {
                        c = substr(callers[i], RSTART + 1, RLENGTH - 3); gsub(",", "", c); calls += c
                    }
                total = $1; gsub(",", "", total)
            }
            n = 0; next
        }
        { n = 0 }
        END { if (calls) printf "%.0f", total / calls }'
}

# count BENCH GROUP FUNCTION ROUTINE: runs GROUP/FUNCTION under callgrind
# and prints ROUTINE's instructions per call.
count() {
    local exe profile="$out/$1-$2-$3.out"
    exe="$(executable "$1")"
    (cd "$root/agora-api" && valgrind --tool=callgrind --callgrind-out-file="$profile" \
        "$exe" --bench --profile-time "$seconds" "^$2/$3\$" >/dev/null 2>&1)
    per_call "$profile" "$1::$4"
}

# row BENCH GROUP OURS THEIRS [BARE]: one table row.
row() {
    local ours theirs bare=""
    ours="$(count "$1" "$2" agora-api "$3")"
    theirs="$(count "$1" "$2" hand-written "$4")"
    if [[ $# -ge 5 ]]; then
        bare="$(count "$1" "$2" hand-written-bare "$5")"
        awk -v g="$2" -v a="$ours" -v b="$theirs" -v c="$bare" \
            'BEGIN { printf "| %s | %d | %d | %.3f | %d | %.3f |\n", g, a, b, a / b, c, a / c }'
    else
        awk -v g="$2" -v a="$ours" -v b="$theirs" \
            'BEGIN { printf "| %s | %d | %d | %.3f | | |\n", g, a, b, a / b }'
    fi
}

echo "| benchmark | agora-api | hand-written | ratio | hand-written-bare | ratio |"
echo "|---|---:|---:|---:|---:|---:|"
row requests request_list_channel_users ours_list theirs_list theirs_list
row requests request_acquire ours_acquire theirs_acquire theirs_acquire
row requests request_start_mix ours_start theirs_start theirs_start
row decode decode_query_mix ours_query theirs_query
row decode decode_channel_users_1000 ours_users theirs_users
row tokens token_mint_rtm ours_rtm theirs_rtm
row tokens token_mint_rtc ours_rtc theirs_rtc
row tokens token_verify_rtc ours_verify theirs_verify

# The throughput bench's calls: one side's whole client process (request,
# tokio, reqwest, hyper, decode) against the bench's own server. Per call is
# (instructions at 2 500 calls - at 500) / 2 000, which leaves start-up out.
exe="$(executable throughput)"
"$exe" --serve 3600 >"$out/addr" 2>/dev/null &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    [[ -s "$out/addr" ]] && break
    sleep 0.1
done
addr="$(head -1 "$out/addr")"
process() {
    local profile="$out/throughput-$1-$2.out"
    valgrind --tool=callgrind --callgrind-out-file="$profile" "$exe" --side "$1" --addr "$addr" \
        --calls "$2" --concurrency 32 --warmup 100 --users 10 --client-threads 1 >/dev/null 2>&1
    grep '^summary:' "$profile" | awk '{ print $2 }'
}
per_process_call() {
    awk -v a="$(process "$1" 500)" -v b="$(process "$1" 2500)" 'BEGIN { printf "%.0f", (b - a) / 2000 }'
}
ours="$(per_process_call agora-api)"
theirs="$(per_process_call hand-written)"
awk -v a="$ours" -v b="$theirs" \
    'BEGIN { printf "| throughput call (whole client process) | %d | %d | %.3f | | |\n", a, b, a / b }'
