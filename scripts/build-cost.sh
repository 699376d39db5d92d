#!/usr/bin/env bash
# Build cost of agora-api (issue 7): a debug build on a clean target dir,
# then builds of agora-api alone, from scratch (its incremental cache
# removed) and after a one-line change in one product's files (channel/),
# first with the derive, then with a derive that expands to nothing (same
# structs, same serde derives, no Endpoint impls, no builders). The
# difference is what #[derive(Endpoint)] adds: running the macro and
# compiling what it writes.
#
# Times are wall times: of the whole build, and of agora-api's unit in
# cargo's --timings report. A rustc wrapper also records the CPU time
# (user + system) of compiling agora-api, which depends less on what else
# the machine is doing.
#
# Two kinds of one-line change, in the channel product's files:
#   body: a validation message inside a function (code the derive never
#         sees);
#   doc:  the doc line of a field of an endpoint struct (ListChannelUsers),
#         which the derive copies onto the field's builder setter.
#
# Usage: scripts/build-cost.sh [RUNS]    (default 5 of each build per variant)
#
# Everything happens in BUILD_COST_DIR (default /tmp/agora-build-cost): a
# copy of the workspace's tracked files and its own target dir. The
# checkout and its target dir are never touched. Needs bash, GNU coreutils,
# awk, git and cargo.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
work="${BUILD_COST_DIR:-/tmp/agora-build-cost}"
ws="$work/workspace"
target="$work/target"
# The files the edits change: ban.rs (body), stats.rs (doc).
body_file="agora-api/src/channel/ban.rs"
doc_file="agora-api/src/channel/stats.rs"

# restore: the edited files as checked out.
restore() {
    cp "$work/orig/ban.rs" "$ws/$body_file"
    cp "$work/orig/stats.rs" "$ws/$doc_file"
}

# keep_originals: remember the edited files as they are now.
keep_originals() {
    mkdir -p "$work/orig"
    cp "$ws/$body_file" "$work/orig/ban.rs"
    cp "$ws/$doc_file" "$work/orig/stats.rs"
}

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# unit_time REPORT NAME: the total time, in seconds, of unit "NAME v..." in
# a `cargo build --timings` HTML report (its table has one <td> per line);
# empty when the unit was fresh.
unit_time() {
    awk -v unit="<td>$2 v" '
        index($0, unit) == 1 { found = 1; next }
        found { gsub(/<\/?td>/, ""); sub(/s$/, ""); print; exit }
    ' "$1"
}

# build LABEL: builds agora-api with timings; prints the label, the wall
# time, agora-api's and agora-macros' unit times and agora-api's CPU time.
build() {
    local label="$1" start end report="$work/reports/$1.html" log="$work/reports/$1.log"
    : >"$work/cpu"
    start="$(now)"
    if ! (cd "$ws" && CARGO_TARGET_DIR="$target" RUSTC_WRAPPER="$work/rustc-cpu" \
        cargo build -p agora-api --timings >"$log" 2>&1); then
        cat "$log" >&2
        exit 1
    fi
    end="$(now)"
    cp "$target/cargo-timings/cargo-timing.html" "$report"
    printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$(seconds "$start" "$end")" \
        "$(unit_time "$report" agora-api)" "$(unit_time "$report" agora-macros)" \
        "$(cat "$work/cpu")"
}

# edit KIND N: the channel files as checked out, with one line changed
# (edit N).
edit() {
    local file original
    restore
    case "$1" in
        body)
            file="$body_file" original="$work/orig/ban.rs"
            sed -i "s/(a ban rule ID)/(a ban rule ID, edit $2)/" "$ws/$file"
            ;;
        doc)
            file="$doc_file" original="$work/orig/stats.rs"
            sed -i "s/List the hosts only (\`LIVE_BROADCASTING\` channels); sent as/& (edit $2)/" "$ws/$file"
            ;;
    esac
    if cmp -s "$ws/$file" "$original"; then
        echo "the $1 line to change is no longer in $file" >&2
        exit 1
    fi
}

# builds VARIANT: RUNS builds of agora-api from scratch, then RUNS
# rebuilds after each kind of change.
builds() {
    local kind n
    for n in $(seq 1 "$runs"); do
        restore
        rm -rf "$target"/debug/incremental/agora_api-*
        touch "$ws/agora-api/src/lib.rs"
        build "rebuild-scratch-$1-$n"
    done
    for kind in body doc; do
        for n in $(seq 1 "$runs"); do
            edit "$kind" "$1$n"
            build "rebuild-$kind-$1-$n"
        done
    done
}

rm -rf "$work"
mkdir -p "$work/reports" "$ws"
# The wrapper runs rustc and, for agora-api's library, writes the CPU time
# rustc took (`times` in the wrapper's own shell: its children's user and
# system time) to $work/cpu.
cat > "$work/rustc-cpu" <<WRAPPER
#!/usr/bin/env bash
"\$@" || exit
if [[ " \$* " == *" --crate-name agora_api "* ]]; then
    times >"$work/times"
    awk 'NR == 2 {
        total = 0
        for (i = 1; i <= 2; i++) { split(\$i, t, "m"); total += t[1] * 60 + t[2] }
        printf "%.2f", total
    }' "$work/times" >"$work/cpu"
fi
WRAPPER
chmod +x "$work/rustc-cpu"
(cd "$root" && git ls-files -z | xargs -0 cp --parents -t "$ws")
keep_originals

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "rustc:   $(rustc --version)"
echo "work:    $work"
echo

results="$work/results.tsv"
{
    build clean-with-derive
    builds with-derive

    # The same crate without the derive: the macro keeps its name and helper
    # attributes and expands to nothing; the four `impl Paginated` blocks,
    # which need the Endpoint impls, go too.
    restore
    cat > "$ws/agora-macros/src/lib.rs" <<'EOF'
//! A derive that expands to nothing, to measure what the real one adds.
use proc_macro::TokenStream;
/// Expands to nothing.
#[proc_macro_derive(Endpoint, attributes(endpoint, auth))]
pub fn derive_endpoint(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}
EOF
    grep -rl '^impl Paginated for' "$ws/agora-api/src" | while read -r file; do
        awk '/^impl Paginated for/ { skip = 1 } skip && /^}/ { skip = 0; next } !skip' \
            "$file" > "$file.tmp"
        mv "$file.tmp" "$file"
    done
    keep_originals
    build first-without-derive
    builds without-derive
} | tee "$results" | awk -F'\t' '
    BEGIN { printf "%-32s %9s %14s %17s %18s\n", "build", "wall (s)", "agora-api (s)", "agora-macros (s)", "agora-api CPU (s)" }
    { printf "%-32s %9s %14s %17s %18s\n", $1, $2, ($3 == "" ? "fresh" : $3), ($4 == "" ? "fresh" : $4), ($5 == "" ? "fresh" : $5) }'

echo
awk -F'\t' '
    function median(list, n,    i, j, t) {
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
            if (list[j] < list[i]) { t = list[i]; list[i] = list[j]; list[j] = t }
        return n % 2 ? list[(n + 1) / 2] : (list[n / 2] + list[n / 2 + 1]) / 2
    }
    $1 == "clean-with-derive" { clean_wall = $2; clean_api = $3; macros = $4 }
    $1 ~ /^rebuild-/ {
        split($1, part, "-")   # rebuild, kind, with|without, derive, n
        key = part[2] "-" part[3]
        wall[key, ++count[key]] = $2
        unit[key, count[key]] = $3
        cpu[key, count[key]] = $5
    }
    END {
        printf "clean build (all dependencies): %.2f s wall; agora-api %.2f s of it, agora-macros %.2f s\n", clean_wall, clean_api, macros
        worst = 0
        split("scratch body doc", kinds, " ")
        for (k = 1; k <= 3; k++) {
            kind = kinds[k]
            for (v = 1; v <= 2; v++) {
                key = kind "-" (v == 1 ? "with" : "without"); n = count[key]
                for (i = 1; i <= n; i++) { w[i] = wall[key, i]; u[i] = unit[key, i]; c[i] = cpu[key, i] }
                mw[key] = median(w, n); mu[key] = median(u, n); mc[key] = median(c, n)
            }
            with = mu[kind "-with"]; without = mu[kind "-without"]
            printf "%-8s agora-api %.2f s (%.2f s wall, %.2f s CPU) with the derive, %.2f s (%.2f s wall, %.2f s CPU) without: the derive adds %.2f s (%.0f%%) of unit time, %.2f s (%.0f%%) of CPU; medians of %d\n", kind, with, mw[kind "-with"], mc[kind "-with"], without, mw[kind "-without"], mc[kind "-without"], with - without, (with - without) / with * 100, mc[kind "-with"] - mc[kind "-without"], (mc[kind "-with"] - mc[kind "-without"]) / mc[kind "-with"] * 100, count[kind "-with"]
            if (kind != "scratch" && mw[kind "-with"] > worst) worst = mw[kind "-with"]
        }
        printf "target (rebuild after a one-line change under 5 s wall on 2 cores): %s (slowest median %.2f s)\n", (worst < 5 ? "met" : "NOT met"), worst
    }' "$results"
