#!/bin/sh
# presync-guard.sh: an ArgoCD PreSync hook that checks a chaos experiment's live target
# before the experiment is applied, and fails the sync when the target no longer matches
# what the experiment's author declared.
#
# Why live: synth-time rules only see the declared facts (the target-memory-limit and
# target-replicas annotations). If the real workload lost its memory limit since, only a
# look at the cluster can stop a memory stressor from eating the node.
#
# Checks (one line per problem, naming namespace/Kind/workload and container):
#   - at least one Deployment, StatefulSet or DaemonSet in the target namespaces has pod
#     template labels matching the selector (workload labels are not pod labels, so the
#     template labels are compared, exactly as the pods Chaos Mesh selects would carry them);
#   - ready replicas summed over those workloads >= the declared count;
#   - memory stress only: every targeted container of every pod the selector matches has a
#     memory limit, and that limit is >= the declared one (else a stressor sized at 2x the
#     declared limit would exceed 2x the live limit). Pods, not templates, are read: a
#     LimitRange default or a half-finished rollout shows only there. Targeted containers
#     follow Chaos Mesh: the names in GUARD_CONTAINERS, or the first container when empty.
#
# Configuration (environment):
#   GUARD_EXPERIMENT          readable experiment name, for messages            (required)
#   GUARD_NAMESPACES          target namespaces, comma-separated                (required)
#   GUARD_SELECTOR            label selector, key=value pairs comma-separated   (required)
#   GUARD_REPLICAS            declared replica count, integer >= 1              (required)
#   GUARD_CHECK_MEMORY_LIMIT  true for memory stress experiments, else false    (default false)
#   GUARD_MEMORY_LIMIT        declared smallest memory limit, Kubernetes quantity
#                             (required when GUARD_CHECK_MEMORY_LIMIT=true)
#   GUARD_CONTAINERS          targeted container names, comma-separated         (default: first)
#   GUARD_REQUEST_TIMEOUT     kubectl --request-timeout                         (default 30s)
#
# Exit status: 0 all checks passed (one summary line), 1 a check failed, 2 bad configuration,
# kubectl failure or unreadable kubectl output (the guard fails closed).
#
# `presync-guard.sh quantity-bytes QUANTITY...` prints the bytes the guard reads each
# Kubernetes quantity as (rounded up, like resource.Quantity.Value()), one per line.
#
# Implementation: POSIX sh, kubectl and awk only (dash and mawk or gawk; no jq, no bash): the
# awk JSON reader between the "shared" markers (byte-identical in containment-check.sh; a test
# checks it) flattens `kubectl -o json` into path/value lines, and the checks are awk over them.
# Byte arithmetic is done on decimal strings, so comparisons are exact.

set -u
set -f

PROG=presync-guard

# >>> shared: say, die, fetch and the JSON reader (same bytes in presync-guard.sh and containment-check.sh)
# Why `-o json` and this awk reader: `-o jsonpath` prints a missing field and an empty string
# alike and splits lines on values holding newlines, and the stub-kubectl tests could not run
# its templates (they serve recorded, real-shaped API JSON, so the whole parse path is tested).
# jq would be shorter, but the pinned image digest could not be inspected to confirm it ships
# jq (its Dockerfile installs it): a missing jq would fail every sync closed.
say() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() { say "ERROR $*"; exit 2; }
# fetch TAG KEY kubectl-arguments...: runs `kubectl ARGS -o json`, appends flattened lines to $work/flat.
fetch() {
    tag=$1; key=$2; shift 2
    kubectl "$@" -o json --request-timeout="$TIMEOUT" > "$work/out.json" 2> "$work/err" ||
        die "kubectl $* failed: $(tr '\n' ' ' < "$work/err")"
    awk -v tag="$tag" -v key="$key" "$JSON_FLATTEN_AWK" "$work/out.json" >> "$work/flat" 2> "$work/err" ||
        die "kubectl $* printed output that is not JSON: $(tr '\n' ' ' < "$work/err")"
}
# One line per scalar: tag TAB key TAB path TAB value; path joins keys and indexes with dots
# (items.0.metadata.name), strings lose their quotes (escapes kept), null prints nothing.
# Broken nesting, truncation or empty input exit 3.
# shellcheck disable=SC2016 # an awk program: its $ are awk's fields, expanded by awk, not the shell
JSON_FLATTEN_AWK='
function jf_fail(rest) { printf "json-flatten: unreadable JSON near: %s\n", substr(rest, 1, 40) > "/dev/stderr"; jf_bad = 1; exit 3 }
function jf_emit(v,    i, p) { p = (d > 0) ? k[1] : ""; for (i = 2; i <= d; i++) p = p "." k[i]; print tag "\t" key "\t" p "\t" v }
{
    s = $0
    while (s != "") {
        c = substr(s, 1, 1)
        if (c == " " || c == "\t" || c == "\r") { sub(/^[ \t\r]+/, "", s); continue }
        seen = 1
        wk = d > 0 && obj[d] && wantkey[d]
        if (c == "{" || c == "[") { if (wk) jf_fail(s); d++; obj[d] = (c == "{"); k[d] = obj[d] ? "" : 0; wantkey[d] = obj[d]; s = substr(s, 2) }
        else if (c == "}" || c == "]") { if (d < 1 || obj[d] != (c == "}")) jf_fail(s); d--; s = substr(s, 2) }
        else if (c == ",") { if (d < 1) jf_fail(s); if (obj[d]) wantkey[d] = 1; else k[d]++; s = substr(s, 2) }
        else if (c == ":") { if (d < 1 || !obj[d]) jf_fail(s); wantkey[d] = 0; s = substr(s, 2) }
        else if (c == "\"") {
            if (!match(s, /^"([^"\\]|\\.)*"/)) jf_fail(s)
            v = substr(s, 2, RLENGTH - 2); s = substr(s, RLENGTH + 1)
            if (wk) k[d] = v; else jf_emit(v)
        } else if (match(s, /^(-?[0-9][-+.eE0-9]*|true|false|null)/)) {
            if (wk) jf_fail(s)
            v = substr(s, 1, RLENGTH); s = substr(s, RLENGTH + 1)
            if (v != "null") jf_emit(v)
        } else jf_fail(s)
    }
}
END { if (jf_bad) exit 3; if (!seen || d != 0) { print "json-flatten: empty or truncated JSON" > "/dev/stderr"; exit 3 } }
'
# <<< shared

QUANTITY_AWK='
# Kubernetes quantities to bytes, exactly: decimal strings, never floating point.
# Grammar (k8s.io/apimachinery resource.Quantity): [+-]number suffix, number = digits,
# digits.digits, digits. or .digits; suffix = Ki Mi Gi Ti Pi Ei | n u m "" k M G T P E |
# e/E followed by a signed integer. Fractions round up, as Quantity.Value() does.
# Returns "" for text that is not a quantity or is negative.
function q_strip(d) {
    sub(/^0+/, "", d)
    return (d == "") ? "0" : d
}
function q_mul(a, b,    la, lb, i, j, r, carry, out) {
    la = length(a); lb = length(b)
    for (i = 1; i <= la + lb; i++) r[i] = 0
    for (i = la; i >= 1; i--)
        for (j = lb; j >= 1; j--)
            r[i + j] += substr(a, i, 1) * substr(b, j, 1)
    carry = 0
    for (i = la + lb; i >= 1; i--) {
        r[i] += carry
        carry = int(r[i] / 10)
        r[i] = r[i] % 10
    }
    out = ""
    for (i = 1; i <= la + lb; i++) out = out r[i]
    return q_strip(out)
}
function q_inc(d,    i, c, out) {
    out = ""
    for (i = length(d); i >= 1; i--) {
        c = substr(d, i, 1)
        if (c != "9") return substr(d, 1, i - 1) (c + 1) out
        out = "0" out
    }
    return "1" out
}
function q_zeros(n,    z) {
    z = ""
    while (n-- > 0) z = z "0"
    return z
}
function q_bytes(q,    num, suf, ip, fp, dot, digits, e, x, sign, mult, len, head, tail) {
    if (!match(q, /^\+?([0-9]+(\.[0-9]*)?|\.[0-9]+)/)) return ""
    num = substr(q, 1, RLENGTH)
    suf = substr(q, RLENGTH + 1)
    sub(/^\+/, "", num)
    dot = index(num, ".")
    if (dot) { ip = substr(num, 1, dot - 1); fp = substr(num, dot + 1) } else { ip = num; fp = "" }
    digits = q_strip(ip fp)
    e = -length(fp)
    mult = ""
    if (suf == "") e += 0
    else if (suf == "Ki") mult = "1024"
    else if (suf == "Mi") mult = "1048576"
    else if (suf == "Gi") mult = "1073741824"
    else if (suf == "Ti") mult = "1099511627776"
    else if (suf == "Pi") mult = "1125899906842624"
    else if (suf == "Ei") mult = "1152921504606846976"
    else if (suf == "n") e -= 9
    else if (suf == "u") e -= 6
    else if (suf == "m") e -= 3
    else if (suf == "k") e += 3
    else if (suf == "M") e += 6
    else if (suf == "G") e += 9
    else if (suf == "T") e += 12
    else if (suf == "P") e += 15
    else if (suf == "E") e += 18
    else if (suf ~ /^[eE][+-]?[0-9]+$/) {
        x = substr(suf, 2); sign = (substr(x, 1, 1) == "-") ? -1 : 1; sub(/^[+-]/, "", x); sub(/^0+/, "", x)
        if (length(x) > 3) return ""
        e += sign * x
    } else return ""
    if (e > 40) return ""
    if (mult != "") digits = q_mul(digits, mult)
    if (e >= 0) head = digits q_zeros(e)
    else {
        len = length(digits)
        if (len <= -e) { head = "0"; tail = digits } else { head = substr(digits, 1, len + e); tail = substr(digits, len + e + 1) }
        if (tail ~ /[1-9]/) head = q_inc(head)
    }
    # Kubernetes caps a binary-suffixed value at the int64 maximum ("8Ei" reads as 2^63-1).
    if (mult != "" && q_cmp(head, "9223372036854775807") > 0) head = "9223372036854775807"
    return q_strip(head)
}
# -1, 0 or 1 comparing two decimal strings made by q_bytes.
function q_cmp(a, b) {
    a = q_strip(a); b = q_strip(b)
    if (length(a) != length(b)) return (length(a) < length(b)) ? -1 : 1
    if (a "" == b "") return 0
    return (a "" < b "") ? -1 : 1
}
'

# The checks over flattened lines. Sources: W workloads, R replica sets, P pods.
# shellcheck disable=SC2016 # an awk program: its $ are awk's fields, expanded by awk, not the shell
GUARD_AWK='
BEGIN {
    FS = "\t"
    nsel = split(selector, sp, ",")
    for (i = 1; i <= nsel; i++) {
        eq = index(sp[i], "=")
        selk[i] = substr(sp[i], 1, eq - 1)
        selv[i] = substr(sp[i], eq + 1)
    }
    ntc = split(containers, tcl, ",")
    for (i = 1; i <= ntc; i++) tcset[tcl[i]] = 1
    if (checkmem == "true") declared_bytes = q_bytes(memlimit)
    label = prog "[" experiment "]"
}
{
    src = $1; ns = $2; path = $3; val = $4
    if (!match(path, /^items\.[0-9]+\./)) next
    it = src SUBSEP ns SUBSEP substr(path, 7, RLENGTH - 7)
    rest = substr(path, RLENGTH + 1)
    if (!(it in seen)) { seen[it] = 1; isrc[it] = src; ins[it] = ns; order[++nitems] = it }
    if (rest == "kind") kind[it] = val
    else if (rest == "metadata.name") name[it] = val
    else if (index(rest, "spec.template.metadata.labels.") == 1) tl[it, substr(rest, 31)] = val
    else if (rest == "spec.replicas" || rest == "status.desiredNumberScheduled") desired[it] = val
    else if (rest == "status.readyReplicas" || rest == "status.numberReady") ready[it] = val
    else if (match(rest, /^metadata\.ownerReferences\.[0-9]+\./)) {
        k = substr(rest, 26, RLENGTH - 26)
        f = substr(rest, RLENGTH + 1)
        if (f == "kind" || f == "name" || f == "controller") oref[it, k, f] = val
        if (k + 1 > nref[it]) nref[it] = k + 1
    } else if (match(rest, /^spec\.(initContainers|containers)\.[0-9]+\./)) {
        grp = (substr(rest, 6, 1) == "i") ? "i" : "c"
        pre = (grp == "i") ? 20 : 16
        k = substr(rest, pre + 1, RLENGTH - pre - 1)
        f = substr(rest, RLENGTH + 1)
        if (f == "name") cname[it, grp, k] = val
        else if (f == "restartPolicy") cpolicy[it, grp, k] = val
        else if (f == "resources.limits.memory") climit[it, grp, k] = val
        if (k + 1 > ncont[it, grp]) ncont[it, grp] = k + 1
    }
}
function problem(msg) {
    printf "%s: FAIL %s\n", label, msg > "/dev/stderr"
    nproblems++
}
function controller_of(it,    k) {
    for (k = 0; k < nref[it]; k++)
        if (oref[it, k, "controller"] == "true") return k
    return -1
}
function workload_of(it,    k, rs, k2) {
    k = controller_of(it)
    if (k < 0) return ins[it] "/Pod/" name[it]
    if (oref[it, k, "kind"] == "ReplicaSet") {
        rs = rsbyname[ins[it], oref[it, k, "name"]]
        if (rs != "") {
            k2 = controller_of(rs)
            if (k2 >= 0) return ins[it] "/" oref[rs, k2, "kind"] "/" oref[rs, k2, "name"]
        }
    }
    return ins[it] "/" oref[it, k, "kind"] "/" oref[it, k, "name"]
}
function note(key, msg, pod) {
    if (!(key in pcount)) { porder[++npk] = key; pmsg[key] = msg; pexample[key] = pod }
    pcount[key]++
}
function check_container(it, grp, k,    c, lim, b, wl, key) {
    c = cname[it, grp, k]
    wl = workload_of(it)
    ncheckedc++
    lim = climit[it, grp, k]
    if (lim == "") {
        key = wl SUBSEP c SUBSEP "none"
        note(key, wl " container \"" c "\": no memory limit, so a memory stressor is bounded only by the node", name[it])
        return
    }
    b = q_bytes(lim)
    if (b == "") {
        key = wl SUBSEP c SUBSEP "bad" SUBSEP lim
        note(key, wl " container \"" c "\": memory limit \"" lim "\" is not a Kubernetes quantity the guard can read", name[it])
        return
    }
    if (q_cmp(b, declared_bytes) < 0) {
        key = wl SUBSEP c SUBSEP "small" SUBSEP lim
        note(key, wl " container \"" c "\": live memory limit " lim " (" b " bytes) is smaller than the declared " memlimit " (" declared_bytes " bytes), so a stressor sized for the declared limit would exceed 2x the live limit", name[it])
    }
}
END {
    nmatched = 0; total_ready = 0; wlist = ""
    for (n = 1; n <= nitems; n++) {
        it = order[n]
        if (isrc[it] == "R") rsbyname[ins[it], name[it]] = it
        if (isrc[it] != "W") continue
        ok = 1
        for (i = 1; i <= nsel; i++) if (!((it, selk[i]) in tl) || tl[it, selk[i]] != selv[i]) ok = 0
        if (!ok) continue
        nmatched++
        r = ready[it] + 0
        d = (it in desired) ? desired[it] + 0 : 1
        total_ready += r
        wlist = wlist ((wlist == "") ? "" : ", ") ins[it] "/" kind[it] "/" name[it] " (" r "/" d " ready)"
    }
    if (nmatched == 0) {
        problem("no Deployment, StatefulSet or DaemonSet in namespace(s) " namespaces " has pod template labels " selector "; the experiment would select no declared workload")
    } else if (total_ready < replicas + 0) {
        problem("ready replicas below declared: " total_ready " ready across " wlist "; the experiment declares " replicas)
    }
    npods = 0
    if (checkmem == "true") {
        for (n = 1; n <= nitems; n++) {
            it = order[n]
            if (isrc[it] != "P") continue
            npods++
            if (ntc == 0) {
                if (ncont[it, "c"] > 0) check_container(it, "c", 0)
                continue
            }
            for (k = 0; k < ncont[it, "c"]; k++)
                if (cname[it, "c", k] in tcset) check_container(it, "c", k)
            for (k = 0; k < ncont[it, "i"]; k++)
                if ((cname[it, "i", k] in tcset) && cpolicy[it, "i", k] == "Always") check_container(it, "i", k)
        }
        if (npods > 0 && ncheckedc == 0)
            problem("none of the " npods " pod(s) matching " selector " in namespace(s) " namespaces " has a container named " containers "; the declared memory limit describes no container the experiment can reach")
        for (n = 1; n <= npk; n++) {
            key = porder[n]
            problem(pmsg[key] " (" pcount[key] " pod(s), e.g. " pexample[key] ")")
        }
    }
    if (nproblems > 0) {
        printf "%s: %d problem(s); failing the PreSync hook so ArgoCD does not apply the experiment\n", label, nproblems > "/dev/stderr"
        exit 1
    }
    msg = label ": OK " nmatched " workload(s) [" wlist "] with " total_ready " ready replica(s) >= declared " replicas
    if (checkmem == "true") msg = msg "; memory limits of " ncheckedc " targeted container(s) in " npods " pod(s) >= declared " memlimit
    print msg
}
'

if [ "${1:-}" = quantity-bytes ]; then
    shift
    awk -v list="$*" "$QUANTITY_AWK"'
        BEGIN {
            n = split(list, q, " "); bad = 0
            for (i = 1; i <= n; i++) { b = q_bytes(q[i]); if (b == "") { print "invalid"; bad = 1 } else print b }
            exit bad ? 2 : 0
        }'
    exit $?
fi
[ $# -eq 0 ] || die "unexpected arguments: $* (configuration comes from GUARD_* environment variables)"

EXPERIMENT=${GUARD_EXPERIMENT:-}
NAMESPACES=${GUARD_NAMESPACES:-}
SELECTOR=${GUARD_SELECTOR:-}
REPLICAS=${GUARD_REPLICAS:-}
CHECK_MEMORY=${GUARD_CHECK_MEMORY_LIMIT:-false}
MEMORY_LIMIT=${GUARD_MEMORY_LIMIT:-}
CONTAINERS=${GUARD_CONTAINERS:-}
TIMEOUT=${GUARD_REQUEST_TIMEOUT:-30s}

[ -n "$EXPERIMENT" ] || die "GUARD_EXPERIMENT is empty; set it to the experiment's readable name"
[ -n "$NAMESPACES" ] || die "GUARD_NAMESPACES is empty; set it to the target namespaces, comma-separated"
case $NAMESPACES in *[!a-z0-9,-]*|,*|*,|*,,*) die "GUARD_NAMESPACES \"$NAMESPACES\" is not a comma-separated list of namespace names" ;; esac
[ -n "$SELECTOR" ] || die "GUARD_SELECTOR is empty; set it to key=value label pairs, comma-separated"
case $SELECTOR in *[!A-Za-z0-9._/=,-]*|,*|*,|*,,*) die "GUARD_SELECTOR \"$SELECTOR\" is not a list of key=value label pairs" ;; esac
old_ifs=$IFS; IFS=,
for pair in $SELECTOR; do
    case $pair in
        =*|*=*=*) IFS=$old_ifs; die "GUARD_SELECTOR pair \"$pair\" is not key=value" ;;
        *=*) ;;
        *) IFS=$old_ifs; die "GUARD_SELECTOR pair \"$pair\" has no \"=\"; write key=value" ;;
    esac
done
IFS=$old_ifs
case $REPLICAS in ''|*[!0-9]*|0) die "GUARD_REPLICAS \"$REPLICAS\" is not an integer >= 1" ;; esac
case $CHECK_MEMORY in
    true)
        [ -n "$MEMORY_LIMIT" ] || die "GUARD_MEMORY_LIMIT is empty but GUARD_CHECK_MEMORY_LIMIT=true; set the declared limit, e.g. 256Mi"
        b=$(awk -v q="$MEMORY_LIMIT" "$QUANTITY_AWK"'BEGIN { print q_bytes(q) }')
        [ -n "$b" ] || die "GUARD_MEMORY_LIMIT \"$MEMORY_LIMIT\" is not a Kubernetes quantity (e.g. 256Mi, 0.5Gi, 512M, 1e9)"
        ;;
    false) ;;
    *) die "GUARD_CHECK_MEMORY_LIMIT \"$CHECK_MEMORY\" must be true or false" ;;
esac
case $CONTAINERS in *[!a-z0-9,-]*|,*|*,|*,,*) die "GUARD_CONTAINERS \"$CONTAINERS\" is not a comma-separated list of container names" ;; esac

work=$(mktemp -d "${TMPDIR:-/tmp}/presync-guard.XXXXXX") || die "cannot create a temporary directory (is ${TMPDIR:-/tmp} writable?)"
trap 'rm -rf "$work"' EXIT
trap 'exit 2' HUP INT TERM
: > "$work/flat"

IFS=,
for ns in $NAMESPACES; do
    IFS=$old_ifs
    fetch W "$ns" get deployments.apps,statefulsets.apps,daemonsets.apps -n "$ns"
    if [ "$CHECK_MEMORY" = true ]; then
        fetch R "$ns" get replicasets.apps -n "$ns" -l "$SELECTOR"
        fetch P "$ns" get pods -n "$ns" -l "$SELECTOR"
    fi
done
IFS=$old_ifs

awk -v prog="$PROG" -v experiment="$EXPERIMENT" -v namespaces="$NAMESPACES" -v selector="$SELECTOR" \
    -v replicas="$REPLICAS" -v checkmem="$CHECK_MEMORY" -v memlimit="$MEMORY_LIMIT" \
    -v containers="$CONTAINERS" "$QUANTITY_AWK$GUARD_AWK" "$work/flat"
status=$?
case $status in 0|1) exit $status ;; *) die "the check itself failed (awk exit $status)" ;; esac
