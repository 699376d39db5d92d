#!/usr/bin/env bash
# Instructions per call of each routine the criterion benches compare
# (agora-api against the hand-written baselines), counted by callgrind.
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
