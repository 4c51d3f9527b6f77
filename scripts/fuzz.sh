#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzzing/, with Address Sanitizer) and runs each for a while.
#
#   scripts/fuzz.sh [--seconds N] [--corpus DIR] [TARGET...]
#   scripts/fuzz.sh --replay TARGET FILE     (runs one input, e.g. a crash, and shows the stack)
#
# Targets: parse interpreter csv notebook png jpeg (default: all). Each runs N seconds (default
# 60), one after the other, from seeds made at run time out of the golden tests, notebooks and
# data files (in a temporary folder; with --corpus DIR the corpus is kept in DIR/TARGET and
# grows from run to run). Exits 1 when a target crashes, leaks memory past the limit or hangs,
# printing the reproducer's path and the command that replays it. See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=60
corpus_root=""
replay=""
chosen=()
while [ $# -gt 0 ]; do
  case "$1" in
    --replay) replay=${3:?usage: scripts/fuzz.sh --replay TARGET FILE}; chosen=("$2"); replay=$(cd "$(dirname "$replay")" && pwd)/$(basename "$replay"); shift 3 ;;
    --seconds) seconds=${2:?--seconds needs a number}; shift 2 ;;
    --corpus) corpus_root=${2:?--corpus needs a folder}; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) chosen+=("$1"); shift ;;
  esac
done
all=(parse interpreter csv notebook png jpeg)
[ ${#chosen[@]} -gt 0 ] || chosen=("${all[@]}")
for t in "${chosen[@]}"; do
  case " ${all[*]} " in *" $t "*) ;; *) echo "fuzz.sh: no target named $t (targets: ${all[*]})" >&2; exit 2 ;; esac
done

scripts/install-deps.sh
build=(swift build --package-path Fuzzing --sanitize fuzzer --sanitize address)
echo "== building the fuzz targets: ${build[*]}"
start=$SECONDS
"${build[@]}"
bin="$("${build[@]}" --show-bin-path)/quire-fuzz"
echo "== built in $((SECONDS - start))s: $bin"

work=$(mktemp -d "${TMPDIR:-/tmp}/quire-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
artifacts="$root/Fuzzing/crashes"
mkdir -p "$artifacts"

# Seeds, made afresh: nothing of them is committed.
seeds="$work/seeds"
mkdir -p "$seeds"/{parse,interpreter,csv,notebook,png,jpeg}
n=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  cp "$f" "$seeds/parse/$n.qr"
  cp "$f" "$seeds/interpreter/$n.qr"
done < <(find Tests/Golden stdlib -name '*.qr' -print0)
for f in Tests/Golden/data/fixtures/*.csv Tests/Fixtures/data/*.csv; do cp "$f" "$seeds/csv/$(basename "$f")"; done
head -c 8000 notebooks/data/mobile_price_train.csv > "$seeds/csv/mobile_price_head.csv"
gzip -c Tests/Golden/data/fixtures/people.csv > "$seeds/csv/people.csv.gz"
head -c 4000 notebooks/data/mobile_price_train.csv | gzip -c > "$seeds/csv/mobile_price_head.csv.gz"
for f in notebooks/*.md docs/notebooks.md; do [ -f "$f" ] && cp "$f" "$seeds/notebook/$(basename "$f")"; done
"$bin" seeds "$seeds"
cp Tests/Golden/vision/_data/*.png "$seeds/png/"
cp Tests/Golden/vision/_data/*.jpg "$seeds/jpeg/"

# Programs read and write files relative to a copy of the golden tests' folders, never the
# repository: relative paths in the seeds (fixtures/people.csv, ../../../notebooks/data/...)
# resolve as they do in Tests/Golden/DOMAIN.
sandbox="$work/tree/Tests/Golden/sandbox"
mkdir -p "$sandbox" "$work/tree/notebooks"
cp -r Tests/Fixtures "$work/tree/Tests/Fixtures"
cp -r notebooks/data "$work/tree/notebooks/data"
cp -r Tests/Golden/data/fixtures "$sandbox/fixtures"
cp -r Tests/Golden/vision/_data "$sandbox/_data"

# Memory: one allocation above 1 GiB fails as it would under a memory limit (malloc returns
# null, which Quire must turn into an error); more than 4 GiB resident in all is an
# out-of-memory finding. Leak checking is off: Swift's runtime caches and the interpreter's
# reference cycles between functions and globals are reported as leaks by LeakSanitizer.
export ASAN_OPTIONS="allocator_may_return_null=1:max_allocation_size_mb=1024:detect_leaks=0:handle_abort=1:symbolize=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export QUIRE_FUZZ_SANDBOX="$sandbox"
export QUIRE_FUZZ_BUDGET=1

if [ -n "$replay" ]; then
  echo "== replaying $replay on ${chosen[0]}"
  (cd "$sandbox" && "$bin" "${chosen[0]}" -timeout=20 -rss_limit_mb=4096 -malloc_limit_mb=2048 "$replay")
  exit $?
fi

max_len() {
  case "$1" in
    interpreter) echo 4096 ;;
    parse) echo 16384 ;;
    notebook) echo 32768 ;;
    *) echo 65536 ;;
  esac
}

status=0
report=()
for t in "${chosen[@]}"; do
  if [ -n "$corpus_root" ]; then corpus="$corpus_root/$t"; else corpus="$work/corpus/$t"; fi
  mkdir -p "$corpus"
  ls "$artifacts" | sort > "$work/before"
  echo "== fuzzing $t for ${seconds}s (corpus $corpus)"
  start=$SECONDS
  set +e
  (cd "$sandbox" && "$bin" "$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 \
    -malloc_limit_mb=2048 -max_len="$(max_len "$t")" -print_final_stats=1 \
    -artifact_prefix="$artifacts/$t-" "$corpus" "$seeds/$t") > "$work/$t.log" 2>&1
  code=$?
  set -e
  took=$((SECONDS - start))
  grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec)' "$work/$t.log" | sed 's/^/   /' || true
  if [ $code -eq 0 ]; then
    report+=("$t: ok (${took}s)")
    continue
  fi
  status=1
  echo "== $t FAILED (exit $code after ${took}s); the end of its log:"
  grep -v '^#[0-9]' "$work/$t.log" | tail -n 60
  cp "$work/$t.log" "$artifacts/$t-last-run.log"
  found=$(ls "$artifacts" | sort | comm -13 "$work/before" - | grep -E "^$t-(crash|oom|timeout|leak|slow-unit)-" || true)
  for f in $found; do
    echo "   reproducer: $artifacts/$f"
    echo "   replay:     scripts/fuzz.sh --replay $t $artifacts/$f"
  done
  [ -n "$found" ] || echo "   (no reproducer was written; see the log)"
  report+=("$t: FAILED (${took}s), log in $artifacts/$t-last-run.log")
done

echo "== fuzzing summary"
printf '   %s\n' "${report[@]}"
exit $status
