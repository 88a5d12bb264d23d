#!/usr/bin/env bash
# Runs every check of the project, in order, and prints a summary:
#   provision, typecheck, lint, then each test suite (unit, grammar, server, fuzz, reward, webview, e2e).
# Every step runs even when an earlier one failed, so one run shows everything that is
# broken; the exit status is non-zero if any step failed. A missing tool stops the run at
# once. A suite whose npm script does not exist is reported as MISSING (and fails the run)
# unless it is listed in OPTIONAL below.
# Each suite ends with the count line of test/reporter.cjs; a test kept from running (by a failed
# "before all" hook, or pending) fails its step, and so does a suite that prints no count.
#
# Each step has a time limit (STEP_TIMEOUT seconds, default 900; provision and test:e2e 1500): a
# step that hangs is stopped and fails loudly, so the run still ends and says which step hung.
#
#   scripts/test-all.sh                 everything
#   STEPS="test:unit test:e2e" scripts/test-all.sh   a chosen subset
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# The order matters: cheap checks first, the browser suite last.
DEFAULT_STEPS="provision typecheck lint test:unit test:grammar test:server test:fuzz test:reward test:webview test:e2e"
# Suites that may be absent from package.json (reported as "not defined", never silently); none today.
OPTIONAL=" "
read -r -a STEP_LIST <<<"${STEPS:-$DEFAULT_STEPS}"

die() { printf '\n[test-all] ERROR: %s\n' "$*" >&2; exit 2; }
for tool in node npm bash; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is not on PATH"
done
[[ -d node_modules ]] || die "node_modules/ is missing: run 'npm ci' first"

LOG_DIR="$ROOT/test-results/test-all"
mkdir -p "$LOG_DIR"

declare -a names=() statuses=() times=() counts=()
total_passed=0
total_failed=0
total_not_run=0
any_failed=0
started=$(date +%s)

# Runs "$@" in a process group of its own, stopped after $1 seconds (TERM, then KILL 30 s later).
# Whatever of the group outlives the step (a process that ignored TERM, a server a test left
# behind) goes too, so nothing holds the log pipe open. Returns the step's exit status, or
# 124 when it was stopped.
run_limited() {
  local limit=$1 mark
  shift
  mark=$(mktemp)
  set -m # job control: the background job below is a process group of its own
  "$@" &
  local pid=$!
  set +m
  ( sleep "$limit"; echo stopped >"$mark"; kill -TERM -- "-$pid" ) >/dev/null 2>&1 &
  local dog=$!
  wait "$pid"
  local rc=$?
  kill -- "$dog" 2>/dev/null
  wait "$dog" 2>/dev/null
  if kill -0 -- "-$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null
    for _ in $(seq 30); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$pid" 2>/dev/null
  fi
  [[ -s "$mark" ]] && rc=124
  rm -f "$mark"
  return "$rc"
}

has_script() { node -e "process.exit(require('./package.json').scripts?.[process.argv[1]] ? 0 : 1)" "$1"; }

for step in "${STEP_LIST[@]}"; do
  log="$LOG_DIR/${step//:/-}.log"
  names+=("$step")
  if ! has_script "$step"; then
    if [[ "$OPTIONAL" == *" $step "* ]]; then
      printf '\n=== %s: not defined in package.json (optional suite, not run) ===\n' "$step"
      statuses+=("not defined"); times+=("-"); counts+=("")
      continue
    fi
    printf '\n=== %s: MISSING from package.json ===\n' "$step"
    statuses+=("MISSING"); times+=("-"); counts+=(""); any_failed=1
    continue
  fi

  printf '\n=== npm run %s ===\n' "$step"
  t=$(date +%s)
  case "$step" in provision | test:e2e) limit=${STEP_TIMEOUT:-1500} ;; *) limit=${STEP_TIMEOUT:-900} ;; esac
  run_limited "$limit" npm run --silent "$step" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  if (( rc == 124 )); then
    printf '\n[test-all] %s: stopped after %ss without finishing (a test hung; the last lines above show where)\n' "$step" "$limit" | tee -a "$log" >&2
  fi
  times+=("$(( $(date +%s) - t ))s")

  # The closing line of test/reporter.cjs: "[tests] 12 passed, 1 failed, 3 not run (…) of 16".
  # Tests a failed hook kept from running and pending tests count as not run, and fail the step.
  line=$(grep -aE '^\[tests\] [0-9]+ passed, [0-9]+ failed, [0-9]+ not run' "$log" | tail -1 || true)
  if [[ -n "$line" ]]; then
    read -r passed failed not_run < <(sed -E 's/^\[tests\] ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) not run.*/\1 \2 \3/' <<<"$line")
    counts+=("$passed passed, $failed failed, $not_run not run")
    total_passed=$(( total_passed + passed ))
    total_failed=$(( total_failed + failed ))
    total_not_run=$(( total_not_run + not_run ))
    if (( not_run > 0 && rc == 0 )); then
      printf '\n[test-all] %s: %s test(s) did not run; every test must run\n' "$step" "$not_run" >&2
      rc=3
    fi
  elif [[ "$step" == test:* ]]; then
    # A suite that ran but printed no count (it crashed while loading, or ran no test at all).
    counts+=("no test count")
    (( rc != 0 )) || rc=4
  else
    counts+=("")
  fi

  if (( rc == 0 )); then
    statuses+=("ok")
  else
    statuses+=("FAILED (exit $rc)")
    any_failed=1
    # The provisioning step installs the tools the suites need: nothing after it can work.
    if [[ "$step" == "provision" ]]; then
      printf '\n[test-all] provisioning failed; stopping here (see %s)\n' "${log#"$ROOT"/}" >&2
      break
    fi
  fi
done

printf '\n=== summary (%ss, logs in %s) ===\n' "$(( $(date +%s) - started ))" "${LOG_DIR#"$ROOT"/}"
for i in "${!names[@]}"; do
  printf '  %-14s %-18s %6s  %s\n' "${names[$i]}" "${statuses[$i]}" "${times[$i]}" "${counts[$i]}"
done
# The failures by name (test/reporter.cjs prints one "[failed] …" line each), so the tail says what broke.
for i in "${!names[@]}"; do
  log="$LOG_DIR/${names[$i]//:/-}.log"
  [[ -f "$log" ]] && grep -a '^\[failed\] ' "$log" | head -20 | sed "s/^/  ${names[$i]}: /"
done
printf '%s passed, %s failed, %s not run\n' "$total_passed" "$total_failed" "$total_not_run"
exit "$any_failed"
