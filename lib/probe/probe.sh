#!/bin/sh
# cdk8s-chaos-mesh availability probe: plain POSIX sh + curl + awk, so it runs on
# busybox (Alpine, the probe image) as well as on dash/bash with GNU or mawk awk.
#
# It fires one HTTP request per tick at fixed ticks from its start time: tick k is due at
# start + k * interval, and every tick fires on time even while earlier requests are still
# running (each request runs in the background), so a stalled service costs one failed probe
# per tick, not one per timeout, and slow answers never make the schedule drift. It writes
# one line per tick, in tick order, stamped with the time the tick fired:
#
#   <unix-seconds.micro> <curl-exit> [<http-code> <time_total-seconds>]
#
# (the last two are absent when curl got no HTTP response), `PHASE <name> <unix-seconds>` at
# each phase boundary (before the first probe of the phase), `#` comment lines, and finally
#
#   SUMMARY {"probes":..,"ok":..,"failed":..,"availability":..,"max_unreachable_ms":..,
#            "latency_ms":{"p50":..,"p99":..,"max":..,"mean":..},"phases":[...]}
#
# computed by awk over its own log with the same rules as `cdk8s-chaos-mesh report`.
#
# Configuration (environment variables; durations are decimal seconds such as 1 or 0.2):
#   PROBE_URL                 URL to probe (required)
#   PROBE_METHOD              GET (default), HEAD or POST (POST sends an empty body)
#   PROBE_CA_FILE             PEM CA bundle for https (default: curl's built-in trust store)
#   PROBE_ACCEPT              accepted HTTP status codes, e.g. 200-399 (default) or 200,204,300-308
#   PROBE_INTERVAL            seconds between ticks (default 1)
#   PROBE_TIMEOUT             per-request timeout in seconds, curl -m (default 2)
#   PROBE_RUN_TIME            total run time in seconds (default: the sum of PROBE_PHASES)
#   PROBE_PHASES              consecutive phases as name:seconds, e.g. "baseline:60 fault:180 recovery:60"
#   PROBE_MIN_AVAILABILITY    fail when availability % is below this (e.g. 99.9)
#   PROBE_MAX_P99_MS          fail when p99 latency of OK probes is above this many ms
#   PROBE_MAX_UNREACHABLE_MS  fail when the longest unreachable stretch is above this many ms
#   PROBE_LOG_FILE            where the log is kept for the summary (default /tmp/probe.log;
#                             the slot files <log>.0, <log>.1, ... go next to it)
#   PROBE_CLOCK               auto (default), date or uptime (see "Clock" below)
#
# Exit codes: 0 every threshold held; 1 a threshold was missed (steady state broken);
# 2 unusable configuration or missing tool; 3 interrupted (SIGTERM/SIGINT, e.g. the Job's
# activeDeadlineSeconds): the summary of the probes so far is still printed.
#
# Concurrency: a request ends within PROBE_TIMEOUT (curl -m), so at most
# ceil(timeout / interval) + 1 are in flight. Each writes its line to a slot file next to the
# log (`<log>.<slot>`, ceil(timeout / interval) + 2 slots, reused round-robin: no `rm` or
# `mkdir` needed, and the file count stays bounded however long the run), tagged with its
# tick number. The main loop, between ticks, moves finished lines to the log in tick order,
# so a line appears about one interval (or, for a stalled request, one timeout) after its
# tick fired. A slot is reused only after its previous line was logged; a request that
# overruns its timeout by two intervals therefore delays the next tick (it fires late, with
# its real time) instead of losing a line; so does a tick the loop itself reaches late (the
# pod starved of CPU): no tick is ever skipped. Outstanding requests are waited for before
# the summary, also after SIGTERM; once the signal is trapped no further tick fires.
#
# Clock: POSIX has no sub-second wall clock. `date +%s%N` is used where it works (GNU
# coreutils, busybox built with FEATURE_DATE_NANO). Alpine's busybox is built without it, so
# the fallback reads /proc/uptime (1/100 s, no fork) and anchors it to `date +%s` at the
# moment the second changes (calibration takes up to one second at start). Sleeping
# fractional seconds needs a `sleep` that accepts them: GNU coreutils, and busybox with
# FEATURE_FLOAT_SLEEP (Alpine has it).
#
# -u: an unset variable is a bug; -f: phase lists are split on blanks, never globbed.
set -uf

err() {
  printf 'probe: %s\n' "$*" >&2
  exit 2
}

# decimal_us NAME VALUE: prints VALUE (decimal seconds/ms) times 10^6, truncated; fails on junk.
decimal_us() {
  awk -v v="$2" 'BEGIN {
    if (v !~ /^[0-9]+(\.[0-9]+)?$/) exit 1
    n = split(v, p, "."); s = p[1] substr(((n > 1) ? p[2] : "") "000000", 1, 6); u = 0
    for (i = 1; i <= length(s); i++) u = u * 10 + index("0123456789", substr(s, i, 1)) - 1
    printf "%.0f\n", u; exit 0
  }' || err "$1 must be a decimal number such as 1 or 0.5, got '$2'"
}

URL=${PROBE_URL:-}
METHOD=${PROBE_METHOD:-GET}
CA_FILE=${PROBE_CA_FILE:-}
ACCEPT=${PROBE_ACCEPT:-200-399}
INTERVAL=${PROBE_INTERVAL:-1}
TIMEOUT=${PROBE_TIMEOUT:-2}
RUN_TIME=${PROBE_RUN_TIME:-}
PHASES=${PROBE_PHASES:-}
MIN_AVAILABILITY=${PROBE_MIN_AVAILABILITY:-}
MAX_P99_MS=${PROBE_MAX_P99_MS:-}
MAX_UNREACHABLE_MS=${PROBE_MAX_UNREACHABLE_MS:-}
LOG=${PROBE_LOG_FILE:-/tmp/probe.log}
CLOCK=${PROBE_CLOCK:-auto}

[ -n "$URL" ] || err "PROBE_URL is required"
command -v curl >/dev/null 2>&1 || err "curl is not installed in this image"
command -v awk >/dev/null 2>&1 || err "awk is not installed in this image"
case $METHOD in
  GET | HEAD | POST) ;;
  *) err "PROBE_METHOD must be GET, HEAD or POST, got '$METHOD'" ;;
esac
if [ -n "$CA_FILE" ] && [ ! -r "$CA_FILE" ]; then
  err "PROBE_CA_FILE '$CA_FILE' is not a readable file"
fi
awk -v a="$ACCEPT" 'BEGIN {
  n = split(a, r, ",")
  for (i = 1; i <= n; i++) {
    if (r[i] !~ /^[1-5][0-9][0-9](-[1-5][0-9][0-9])?$/) exit 1
    if (length(r[i]) == 7 && substr(r[i], 1, 3) + 0 > substr(r[i], 5, 3) + 0) exit 1
  }
  exit 0
}' || err "PROBE_ACCEPT must list status codes or ranges such as 200-399 or 200,204,300-308, got '$ACCEPT'"

INTERVAL_US=$(decimal_us PROBE_INTERVAL "$INTERVAL") || exit 2
[ "$INTERVAL_US" -gt 0 ] || err "PROBE_INTERVAL must be positive, got '$INTERVAL'"
TIMEOUT_US=$(decimal_us PROBE_TIMEOUT "$TIMEOUT") || exit 2
[ "$TIMEOUT_US" -gt 0 ] || err "PROBE_TIMEOUT must be positive, got '$TIMEOUT'"
for t in MIN_AVAILABILITY MAX_P99_MS MAX_UNREACHABLE_MS; do
  eval "v=\$$t"
  if [ -n "$v" ]; then decimal_us "PROBE_$t" "$v" >/dev/null || exit 2; fi
done

# Phases become "name:offset_us" words, offsets from the start.
PENDING=''
PHASES_US=0
for w in $PHASES; do
  name=${w%%:*}
  secs=${w#*:}
  case $w in *:*) ;; *) err "PROBE_PHASES entries are name:seconds, got '$w'" ;; esac
  case $name in
    '' | *[!A-Za-z0-9._-]*) err "PROBE_PHASES name '$name' may only hold letters, digits, '.', '_' and '-'" ;;
  esac
  d=$(decimal_us "PROBE_PHASES ($name)" "$secs") || exit 2
  [ "$d" -gt 0 ] || err "PROBE_PHASES phase '$name' must last longer than 0 seconds"
  PENDING="$PENDING $name:$PHASES_US"
  PHASES_US=$((PHASES_US + d))
done
if [ -n "$RUN_TIME" ]; then
  RUN_US=$(decimal_us PROBE_RUN_TIME "$RUN_TIME") || exit 2
  [ "$RUN_US" -gt 0 ] || err "PROBE_RUN_TIME must be positive, got '$RUN_TIME'"
  if [ -n "$PENDING" ] && [ "$RUN_US" -ne "$PHASES_US" ]; then
    err "PROBE_RUN_TIME ($RUN_TIME s) differs from the sum of PROBE_PHASES; give one or make them agree"
  fi
elif [ -n "$PENDING" ]; then
  RUN_US=$PHASES_US
else
  err "PROBE_RUN_TIME or PROBE_PHASES is required"
fi

# --- clock: sets NOW_US (microseconds since the epoch) ---
read_uptime() {
  read -r _up _rest </proc/uptime || return 1
  _i=${_up%.*}
  _f=${_up#*.}
  case $_i$_f in '' | *[!0-9]*) return 1 ;; esac
  case $_f in [0-9][0-9]) ;; *) return 1 ;; esac
  UP_CS=$((_i * 100 + ${_f#0}))
}
now_date() { NOW_US=$(($(date +%s%N) / 1000)); }
now_uptime() {
  read_uptime
  NOW_US=$((BASE_US + UP_CS * 10000))
}
calibrate_uptime() {
  read_uptime || err "PROBE_CLOCK=uptime needs a readable /proc/uptime"
  _e0=$(date +%s)
  while :; do
    read_uptime
    _e=$(date +%s)
    [ "$_e" != "$_e0" ] && break
    sleep 0.01
  done
  BASE_US=$((_e * 1000000 - UP_CS * 10000))
}
case $CLOCK in
  auto)
    case $(date +%N 2>/dev/null) in
      [0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]) CLOCK='date' ;;
      *) CLOCK='uptime' ;;
    esac
    ;;
  date | uptime) ;;
  *) err "PROBE_CLOCK must be auto, date or uptime, got '$CLOCK'" ;;
esac
if [ "$CLOCK" = uptime ]; then
  calibrate_uptime
  now() { now_uptime; }
else
  case $(date +%N 2>/dev/null) in
    [0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]) ;;
    *) err "PROBE_CLOCK=date needs a date that supports +%N" ;;
  esac
  now() { now_date; }
fi

# secs_of US: sets SECS to US as seconds with six decimals, without a fork.
secs_of() {
  _p=$(($1 % 1000000 + 1000000))
  SECS="$(($1 / 1000000)).${_p#1}"
}

: >"$LOG" 2>/dev/null || err "cannot write the log file '$LOG' (PROBE_LOG_FILE)"
emit() {
  printf '%s\n' "$1" >>"$LOG"
  printf '%s\n' "$1"
}

summarize() {
  awk -v accept="$ACCEPT" -v min_avail="$MIN_AVAILABILITY" -v max_p99="$MAX_P99_MS" \
    -v max_unreach="$MAX_UNREACHABLE_MS" '
  # "12.5" with 3 digits -> 12500: decimal text to an integer, exactly. Digit by digit,
  # because busybox awk reads "010" as octal and may lack libm (no ^).
  function scaled(s, digits,   p, n, f, i, v) {
    n = split(s, p, ".")
    f = substr(((n > 1) ? p[2] : "") "000000000", 1, digits)
    v = 0
    s = p[1] f
    for (i = 1; i <= length(s); i++) v = v * 10 + index("0123456789", substr(s, i, 1)) - 1
    return v
  }
  function accepted(code,   i) {
    for (i = 1; i <= nr; i++) if (code >= lo[i] && code <= hi[i]) return 1
    return 0
  }
  function sift(A, i, n,   c, t) {
    while ((c = 2 * i) <= n) {
      if (c < n && A[c + 1] > A[c]) c++
      if (A[i] >= A[c]) return
      t = A[i]; A[i] = A[c]; A[c] = t; i = c
    }
  }
  function heapsort(A, n,   i, t) {
    for (i = int(n / 2); i >= 1; i--) sift(A, i, n)
    for (i = n; i > 1; i--) { t = A[1]; A[1] = A[i]; A[i] = t; sift(A, 1, i - 1) }
  }
  function ms(us) { return sprintf("%d.%03d", int(us / 1000), us % 1000) }
  function pct(ok, n,   a) {
    a = int((ok * 2000000 + n) / (2 * n))
    return sprintf("%d.%04d", int(a / 10000), a % 10000)
  }
  function pct_e4(ok, n) { return int((ok * 2000000 + n) / (2 * n)) }
  function mean_us(sum, m) { return int((2 * sum + m) / (2 * m)) }
  BEGIN {
    nr = split(accept, r, ",")
    for (i = 1; i <= nr; i++) { lo[i] = substr(r[i], 1, 3) + 0; hi[i] = (length(r[i]) == 7) ? substr(r[i], 5, 3) + 0 : lo[i] }
    n = 0; nok = 0; np = 0
  }
  $1 == "PHASE" && NF == 3 { pname[np] = $2; pfirst[np] = n; np++; next }
  $1 ~ /^[0-9]+(\.[0-9]+)?$/ && (NF == 2 || NF == 4) {
    t[n] = scaled($1, 6)
    code = (NF == 4) ? $3 : "000"
    ok[n] = ($2 + 0 == 0 && code != "000" && accepted(code + 0)) ? 1 : 0
    if (ok[n]) { lat[n] = scaled($4, 6); nok++ }
    n++
  }
  END {
    # availability and the longest unreachable stretch
    worst = 0; since = -1
    for (i = 0; i < n; i++) {
      if (!ok[i] && since < 0) since = t[i]
      if (ok[i] && since >= 0) { d = t[i] - since; if (d > worst) worst = d; since = -1 }
    }
    if (since >= 0) { d = t[n - 1] - since; if (d > worst) worst = d }
    m = 0; sum = 0
    for (i = 0; i < n; i++) if (ok[i]) { L[++m] = lat[i]; sum += lat[i] }
    heapsort(L, m)
    if (m > 0) {
      p50 = L[int((50 * m + 99) / 100)]; p99 = L[int((99 * m + 99) / 100)]
      lat_json = sprintf("{\"p50\":%s,\"p99\":%s,\"max\":%s,\"mean\":%s}", ms(p50), ms(p99), ms(L[m]), ms(mean_us(sum, m)))
    } else lat_json = "{\"p50\":null,\"p99\":null,\"max\":null,\"mean\":null}"
    # phases: each lasts until the next PHASE line
    phases = ""; base = -1
    for (k = 0; k < np; k++) {
      last = (k + 1 < np) ? pfirst[k + 1] : n
      pn = 0; pok = 0; psum = 0
      for (i = pfirst[k]; i < last; i++) { pn++; if (ok[i]) { pok++; psum += lat[i] } }
      pm = (pok > 0) ? mean_us(psum, pok) : -1
      if (k == 0) base = pm
      mult = "null"
      if (pm >= 0 && base > 0) { x = int((200 * pm + base) / (2 * base)); mult = sprintf("%d.%02d", int(x / 100), x % 100) }
      phases = phases sprintf("%s{\"name\":\"%s\",\"probes\":%d,\"availability\":%s,\"mean_ms\":%s,\"multiple\":%s}", \
        (k > 0 ? "," : ""), pname[k], pn, (pn > 0 ? pct(pok, pn) : "null"), (pm >= 0 ? ms(pm) : "null"), mult)
    }
    # thresholds
    missed = 0
    if (min_avail != "" && (n == 0 || pct_e4(nok, n) < scaled(min_avail, 4))) {
      printf "# threshold missed: availability %s%% is below PROBE_MIN_AVAILABILITY %s%%\n", (n > 0 ? pct(nok, n) : "n/a"), min_avail; missed = 1
    }
    if (max_p99 != "" && (m == 0 || p99 > scaled(max_p99, 3))) {
      printf "# threshold missed: p99 latency %s ms is above PROBE_MAX_P99_MS %s ms\n", (m > 0 ? ms(p99) : "n/a"), max_p99; missed = 1
    }
    if (max_unreach != "" && worst > scaled(max_unreach, 3)) {
      printf "# threshold missed: unreachable for %s ms, above PROBE_MAX_UNREACHABLE_MS %s ms\n", ms(worst), max_unreach; missed = 1
    }
    printf "SUMMARY {\"probes\":%d,\"ok\":%d,\"failed\":%d,\"availability\":%s,\"max_unreachable_ms\":%s,\"latency_ms\":%s,\"phases\":[%s]}\n", \
      n, nok, n - nok, (n > 0 ? pct(nok, n) : "null"), ms(worst), lat_json, phases
    exit missed
  }' "$LOG"
}

finish() {
  # Phases that no tick reached still get their boundary line (with no probes).
  for p in $PENDING; do
    secs_of $((START_US + ${p#*:}))
    emit "PHASE ${p%%:*} $SECS"
  done
  PENDING=''
  summarize
}

# --- slots: one result file per request in flight ---
SLOTS=$(((TIMEOUT_US + INTERVAL_US - 1) / INTERVAL_US + 2))
SLOT_BASE=$LOG
_s=0
while [ "$_s" -lt "$SLOTS" ]; do
  : >"$SLOT_BASE.$_s" 2>/dev/null || err "cannot write the slot file '$SLOT_BASE.$_s' next to PROBE_LOG_FILE"
  _s=$((_s + 1))
done

# result_of TICK: true, with LINE set, once TICK's request has written its whole line (the
# slot still holds an older tick's line, or nothing, until then; `read` fails on a line
# without its final newline, so a half-written line is never taken).
result_of() {
  read -r _k LINE 2>/dev/null <"$SLOT_BASE.$(($1 % SLOTS))" && [ "$_k" = "$1" ]
}

# await_tick TICK: blocks until TICK's request has finished; false if it ended without a line.
await_tick() {
  while ! result_of "$1"; do
    eval "wait \$PID_$(($1 % SLOTS))"
    _w=$?
    result_of "$1" && return 0
    # A trapped signal (SIGTERM) ends `wait` early with a status above 128: wait again.
    # A second `wait` for a reaped child returns 127 at once, so this cannot spin.
    [ "$_w" -gt 128 ] || return 1
  done
}

# log_next: writes tick NEXT's line (in LINE), after the PHASE lines that start at or before
# its tick, and reaps its (exiting) background job.
log_next() {
  eval "wait \$PID_$((NEXT % SLOTS))"
  while [ -n "$PENDING" ]; do
    p=${PENDING# }
    p=${p%% *}
    [ "${p#*:}" -le $((NEXT * INTERVAL_US)) ] || break
    PENDING=${PENDING# }
    PENDING=${PENDING#"$p"}
    secs_of $((START_US + ${p#*:}))
    emit "PHASE ${p%%:*} $SECS"
  done
  emit "$LINE"
  NEXT=$((NEXT + 1))
}

# log_one: blocks for tick NEXT and logs it (or says it was lost).
log_one() {
  if await_tick "$NEXT"; then
    log_next
  else
    emit "# no result from the request of tick $NEXT"
    NEXT=$((NEXT + 1))
  fi
}

STOP=''
trap 'STOP=yes' TERM INT

set -- -s -o /dev/null -w '%{http_code} %{time_total}' -m "$TIMEOUT" -A cdk8s-chaos-mesh-probe
[ -n "$CA_FILE" ] && set -- "$@" --cacert "$CA_FILE"
case $METHOD in
  HEAD) set -- "$@" --head ;;
  POST) set -- "$@" -X POST --data-binary '' ;;
esac
set -- "$@" -- "$URL"

secs_of "$RUN_US"
emit "# probe $METHOD $URL every ${INTERVAL}s for ${SECS}s, accept $ACCEPT, clock $CLOCK"

now
START_US=$NOW_US
TICK=0 # next tick to fire
NEXT=0 # next tick to log
while [ -z "$STOP" ]; do
  offset=$((TICK * INTERVAL_US))
  [ "$offset" -lt "$RUN_US" ] || break
  due=$((START_US + offset))
  now
  if [ "$NOW_US" -lt "$due" ]; then
    secs_of $((due - NOW_US))
    sleep "$SECS"
    now
  fi
  # The slot's previous request must be logged first (it overran its timeout: rare).
  if [ $((TICK - NEXT)) -ge "$SLOTS" ]; then
    while [ $((TICK - NEXT)) -ge "$SLOTS" ]; do log_one; done
    now
  fi
  secs_of "$NOW_US"
  ts=$SECS
  # The last check before the fork, after the last clock read: a signal trapped during the
  # sleep, the clock read or the wait for a slot stops the loop here, so no tick fires after
  # it (the trap runs between commands), and every tick that fired is stamped before it.
  [ -n "$STOP" ] && break
  slot_file="$SLOT_BASE.$((TICK % SLOTS))"
  {
    out=$(curl "$@" 2>/dev/null)
    rc=$?
    case $out in
      000* | '') printf '%s %s %s\n' "$TICK" "$ts" "$rc" >"$slot_file" ;;
      *) printf '%s %s %s %s\n' "$TICK" "$ts" "$rc" "$out" >"$slot_file" ;;
    esac
  } &
  eval "PID_$((TICK % SLOTS))=\$!"
  TICK=$((TICK + 1))
  # Log what has finished, in tick order, without waiting.
  while [ "$NEXT" -lt "$TICK" ] && result_of "$NEXT"; do log_next; done
done

# Every request that fired gets its line before the summary (at most one timeout away).
while [ "$NEXT" -lt "$TICK" ]; do log_one; done

if [ -n "$STOP" ]; then
  emit "# interrupted before the run time ended"
  finish
  exit 3
fi
finish
