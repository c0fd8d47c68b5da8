#!/bin/sh
# containment-check.sh: a Chaos Mesh Workflow Task run after the recovery phase of a memory
# stress experiment. It turns "no node-mate restarted" into a measured verdict: it finds the
# node(s) the target pods run on, lists every pod on those nodes (all namespaces) and fails
# when a pod other than the target was hurt since the Workflow started.
#
# What fails (every pod on the node; the targeted containers excluded):
#   - a restart: lastState.terminated.finishedAt at or after the start (any reason);
#   - an OOM kill not (yet) restarted: state.terminated, reason OOMKilled, at or after the start;
#   - any other non-zero state.terminated at or after the start in a pod that restarts its
#     containers (restartPolicy Always/OnFailure): it is about to restart;
#   - an eviction: a non-target pod with status.reason Evicted, evicted at or after the start
#     (DisruptionTarget condition time, else its containers' last finishedAt).
# What does not: a non-zero exit in a restartPolicy Never pod (a Job or CronJob run that
# failed, e.g. a probe Job missing a threshold) is printed as a NOTE: nothing restarted, and a
# memory kill would say OOMKilled. Exit 0 is a normal completion. A termination or eviction
# without a time cannot be placed: a WARN, not counted. Init containers count like the others.
# Targeted containers follow Chaos Mesh: in every pod the selector matches, the names in
# CONTAINMENT_CONTAINERS, or the first container when it is empty; their OOM kill is the
# expected outcome of the experiment.
#
# The start time is the Workflow's status.startTime (metadata.creationTimestamp when there is
# none yet: earlier, so stricter), read live: a Task cannot template values from its Workflow.
# Its name and namespace come from the Task pod's chaos-mesh.org/workflow label and namespace.
#
# Configuration (environment):
#   CONTAINMENT_EXPERIMENT          readable experiment name, for messages             (required)
#   CONTAINMENT_NAMESPACES          target namespaces, comma-separated                 (required)
#   CONTAINMENT_SELECTOR            target label selector, key=value,...               (required)
#   CONTAINMENT_CONTAINERS          targeted container names, comma-separated          (default: first)
#   CONTAINMENT_WORKFLOW            name of the Workflow that runs this check          (required)
#   CONTAINMENT_WORKFLOW_NAMESPACE  namespace of that Workflow                         (required)
#   CONTAINMENT_REQUEST_TIMEOUT     kubectl --request-timeout                          (default 30s)
#
# Exit status: 0 containment held (one summary line), 1 a node-mate was hurt or no target pod
# was found, 2 bad configuration, kubectl failure or unreadable output.
#
# Implementation: POSIX sh, kubectl and awk, like presync-guard.sh (the block between the
# "shared" markers is byte-identical in both; a test checks it).

set -u
set -f

PROG=containment-check

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

# The verdict over flattened lines. Sources: F the Workflow, T target pods, N node pods.
# shellcheck disable=SC2016 # an awk program: its $ are awk's fields, expanded by awk, not the shell
CONTAINMENT_AWK='
BEGIN {
    FS = "\t"
    ntc = split(containers, tcl, ",")
    for (i = 1; i <= ntc; i++) tcset[tcl[i]] = 1
    label = prog "[" experiment "]"
}
# "YYYY-MM-DDTHH:MM:SSZ" (a fraction is dropped: whole seconds compare as strings), or "".
function ts(t) {
    if (t !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9](\.[0-9]+)?Z$/) return ""
    return substr(t, 1, 19) "Z"
}
{
    src = $1; key = $2; path = $3; val = $4
    if (src == "F") {
        if (path == "status.startTime") wf_start = val
        else if (path == "metadata.creationTimestamp") wf_created = val
        next
    }
    if (!match(path, /^items\.[0-9]+\./)) next
    it = src SUBSEP key SUBSEP substr(path, 7, RLENGTH - 7)
    rest = substr(path, RLENGTH + 1)
    if (!(it in seen)) { seen[it] = 1; isrc[it] = src; ikey[it] = key; order[++nitems] = it }
    if (rest == "metadata.name") name[it] = val
    else if (rest == "metadata.namespace") pns[it] = val
    else if (rest == "spec.restartPolicy") policy[it] = val
    else if (rest == "status.reason") preason[it] = val
    else if (rest == "status.message") pmessage[it] = val
    else if (match(rest, /^status\.conditions\.[0-9]+\./)) {
        k = substr(rest, 19, RLENGTH - 19)
        cond[it, k, substr(rest, RLENGTH + 1)] = val
        if (k + 1 > ncond[it]) ncond[it] = k + 1
    } else if (match(rest, /^spec\.(initContainers|containers)\.[0-9]+\./)) {
        grp = (substr(rest, 6, 1) == "i") ? "i" : "c"
        pre = (grp == "i") ? 20 : 16
        k = substr(rest, pre + 1, RLENGTH - pre - 1)
        f = substr(rest, RLENGTH + 1)
        if (f == "name") cname[it, grp, k] = val
        else if (f == "restartPolicy") cpolicy[it, grp, k] = val
        if (k + 1 > ncont[it, grp]) ncont[it, grp] = k + 1
    } else if (match(rest, /^status\.(initContainerStatuses|containerStatuses)\.[0-9]+\./)) {
        # Init container statuses (native sidecars among them) are keyed i<n>, the others c<n>.
        pre = (substr(rest, 8, 1) == "i") ? 29 : 25
        k = ((pre == 29) ? "i" : "c") substr(rest, pre + 1, RLENGTH - pre - 1)
        cs[it, k, substr(rest, RLENGTH + 1)] = val
        if (!((it, k) in csseen)) { csseen[it, k] = 1; cskeys[it] = cskeys[it] " " k }
    }
}
function problem(msg) {
    printf "%s: FAIL %s\n", label, msg > "/dev/stderr"
    nproblems++
}
function remark(kind, msg) { printf "%s: %s %s\n", label, kind, msg > "/dev/stderr" }
function target(it, grp, k) {
    tpod[ikey[it] "/" name[it]] = 1
    tset[ikey[it] "/" name[it] "/" cname[it, grp, k]] = 1
    tlist = tlist ((tlist == "") ? "" : ", ") ikey[it] "/" name[it] "/" cname[it, grp, k]
}
function detail(it, k, which,    r, e) {
    r = cs[it, k, which ".reason"]; e = cs[it, k, which ".exitCode"]
    return ((r == "") ? "" : ", reason " r) ((e == "") ? "" : ", exit code " e) ", restarts " (cs[it, k, "restartCount"] + 0)
}
# When the pod was evicted: its DisruptionTarget condition, else its containers last finishedAt.
function evicted_at(it,    j, t, nk, keys, when) {
    for (j = 0; j < ncond[it]; j++)
        if (cond[it, j, "type"] == "DisruptionTarget" && cond[it, j, "status"] == "True") return cond[it, j, "lastTransitionTime"]
    when = ""
    nk = split(cskeys[it], keys, " ")
    for (j = 1; j <= nk; j++) {
        t = cs[it, keys[j], "state.terminated.finishedAt"]
        if (ts(t) > ts(when)) when = t
    }
    return when
}
END {
    start = ts(wf_start)
    if (start == "") start = ts(wf_created)
    if (start == "") {
        printf "%s: ERROR the Workflow has no readable status.startTime or metadata.creationTimestamp (got \"%s\" and \"%s\")\n", label, wf_start, wf_created > "/dev/stderr"
        exit 2
    }
    ntargets = 0
    for (n = 1; n <= nitems; n++) {
        it = order[n]
        if (isrc[it] != "T") continue
        ntargets++
        if (ntc == 0) {
            if (ncont[it, "c"] > 0) target(it, "c", 0)
            continue
        }
        for (k = 0; k < ncont[it, "c"]; k++) if (cname[it, "c", k] in tcset) target(it, "c", k)
        for (k = 0; k < ncont[it, "i"]; k++)
            if ((cname[it, "i", k] in tcset) && cpolicy[it, "i", k] == "Always") target(it, "i", k)
    }
    if (ntargets == 0) {
        problem("no pod in namespace(s) " namespaces " matches " selector ", so there is no node to check; containment is not measured")
        exit 1
    }
    npods = 0; ncontainers = 0; nodes = ""
    for (n = 1; n <= nitems; n++) {
        it = order[n]
        if (isrc[it] != "N") continue
        if (index(" " nodes " ", " " ikey[it] " ") == 0) nodes = nodes ((nodes == "") ? "" : " ") ikey[it]
        pod = pns[it] "/" name[it]
        evicted = preason[it] == "Evicted" && !(pod in tpod)
        if (evicted) {
            at = evicted_at(it)
            why = (pmessage[it] == "") ? "" : ": " pmessage[it]
            if (ts(at) == "") remark("WARN", "node " ikey[it] ": " pod " was evicted at an unknown time" why "; it cannot be placed in time and is not counted")
            else if (ts(at) >= start) problem("node " ikey[it] ": " pod " was evicted after the Workflow started at " start " (at " at why ")")
        }
        checked = 0
        nk = split(cskeys[it], keys, " ")
        for (j = 1; j <= nk; j++) {
            k = keys[j]
            id = pod "/" cs[it, k, "name"]
            if (id in tset) continue
            checked = 1; ncontainers++
            where = "node " ikey[it] ": " id
            lt = cs[it, k, "lastState.terminated.finishedAt"]
            if (lt != "") {
                if (ts(lt) == "") problem(where " has an unreadable lastState.terminated.finishedAt \"" lt "\"")
                else if (ts(lt) >= start) problem(where " restarted after the Workflow started at " start " (terminated " lt detail(it, k, "lastState.terminated") ")")
            } else if (cs[it, k, "lastState.terminated.reason"] != "" || cs[it, k, "lastState.terminated.exitCode"] != "") {
                remark("WARN", where " has a termination record without finishedAt" detail(it, k, "lastState.terminated") "; it cannot be placed in time and is not counted")
            }
            st = cs[it, k, "state.terminated.finishedAt"]
            # An evicted pod is reported once, above; exit 0 is a normal completion.
            if (evicted || st == "" || cs[it, k, "state.terminated.exitCode"] == "0") continue
            if (ts(st) == "") problem(where " has an unreadable state.terminated.finishedAt \"" st "\"")
            else if (ts(st) < start) continue
            else if (cs[it, k, "state.terminated.reason"] != "OOMKilled" && policy[it] == "Never")
                remark("NOTE", where " ended after the Workflow started at " start " (terminated " st detail(it, k, "state.terminated") ") in a restartPolicy Never pod: a failed run, not a restart or a memory kill; not counted")
            else problem(where " terminated after the Workflow started at " start " (terminated " st detail(it, k, "state.terminated") ")")
        }
        if (checked) npods++
    }
    if (nproblems > 0) {
        printf "%s: %d problem(s) on node(s) %s since %s; the memory stressor was not contained to its target\n", label, nproblems, nodes, start > "/dev/stderr"
        exit 1
    }
    printf "%s: OK checked %d node-mate container(s) in %d pod(s) on node(s) %s; none restarted, OOM-killed or evicted since the Workflow started at %s (targets excluded: %s)\n", label, ncontainers, npods, nodes, start, tlist
}
'

# shellcheck disable=SC2016 # an awk program: its $ are awk's fields, expanded by awk, not the shell
NODES_AWK='
BEGIN { FS = "\t" }
$1 == "T" && $3 ~ /^items\.[0-9]+\.spec\.nodeName$/ && $4 != "" && !($4 in seen) { seen[$4] = 1; print $4 }
'

[ $# -eq 0 ] || die "unexpected arguments: $* (configuration comes from CONTAINMENT_* environment variables)"

EXPERIMENT=${CONTAINMENT_EXPERIMENT:-}
NAMESPACES=${CONTAINMENT_NAMESPACES:-}
SELECTOR=${CONTAINMENT_SELECTOR:-}
CONTAINERS=${CONTAINMENT_CONTAINERS:-}
WORKFLOW=${CONTAINMENT_WORKFLOW:-}
WORKFLOW_NS=${CONTAINMENT_WORKFLOW_NAMESPACE:-}
TIMEOUT=${CONTAINMENT_REQUEST_TIMEOUT:-30s}

[ -n "$EXPERIMENT" ] || die "CONTAINMENT_EXPERIMENT is empty; set it to the experiment's readable name"
[ -n "$NAMESPACES" ] || die "CONTAINMENT_NAMESPACES is empty; set it to the target namespaces, comma-separated"
case $NAMESPACES in *[!a-z0-9,-]*|,*|*,|*,,*) die "CONTAINMENT_NAMESPACES \"$NAMESPACES\" is not a comma-separated list of namespace names" ;; esac
[ -n "$SELECTOR" ] || die "CONTAINMENT_SELECTOR is empty; set it to key=value label pairs, comma-separated"
case $SELECTOR in *[!A-Za-z0-9._/=,-]*|,*|*,|*,,*) die "CONTAINMENT_SELECTOR \"$SELECTOR\" is not a list of key=value label pairs" ;; esac
old_ifs=$IFS; IFS=,
for pair in $SELECTOR; do
    case $pair in
        =*|*=*=*) IFS=$old_ifs; die "CONTAINMENT_SELECTOR pair \"$pair\" is not key=value" ;;
        *=*) ;;
        *) IFS=$old_ifs; die "CONTAINMENT_SELECTOR pair \"$pair\" has no \"=\"; write key=value" ;;
    esac
done
IFS=$old_ifs
case $CONTAINERS in *[!a-z0-9,-]*|,*|*,|*,,*) die "CONTAINMENT_CONTAINERS \"$CONTAINERS\" is not a comma-separated list of container names" ;; esac
[ -n "$WORKFLOW" ] || die "CONTAINMENT_WORKFLOW is empty: this pod has no chaos-mesh.org/workflow label, so the Workflow start time cannot be read (run it as a Task of a Chaos Mesh Workflow)"
case $WORKFLOW in *[!a-z0-9.-]*) die "CONTAINMENT_WORKFLOW \"$WORKFLOW\" is not a Kubernetes object name" ;; esac
[ -n "$WORKFLOW_NS" ] || die "CONTAINMENT_WORKFLOW_NAMESPACE is empty; set it to the Workflow's namespace"
case $WORKFLOW_NS in *[!a-z0-9-]*) die "CONTAINMENT_WORKFLOW_NAMESPACE \"$WORKFLOW_NS\" is not a namespace name" ;; esac

work=$(mktemp -d "${TMPDIR:-/tmp}/containment-check.XXXXXX") || die "cannot create a temporary directory (is ${TMPDIR:-/tmp} writable?)"
trap 'rm -rf "$work"' EXIT
trap 'exit 2' HUP INT TERM
: > "$work/flat"

fetch F "$WORKFLOW_NS" get workflows.chaos-mesh.org "$WORKFLOW" -n "$WORKFLOW_NS"
IFS=,
for ns in $NAMESPACES; do
    IFS=$old_ifs
    fetch T "$ns" get pods -n "$ns" -l "$SELECTOR"
done
IFS=$old_ifs

awk "$NODES_AWK" "$work/flat" > "$work/nodes" || die "cannot read the target pods' nodes"
while IFS= read -r node; do
    case $node in *[!a-z0-9.-]*) die "target pod node name \"$node\" is not a Kubernetes node name" ;; esac
    fetch N "$node" get pods --all-namespaces --field-selector="spec.nodeName=$node"
done < "$work/nodes"

awk -v prog="$PROG" -v experiment="$EXPERIMENT" -v namespaces="$NAMESPACES" -v selector="$SELECTOR" \
    -v containers="$CONTAINERS" "$CONTAINMENT_AWK" "$work/flat"
status=$?
case $status in 0|1|2) exit $status ;; *) die "the check itself failed (awk exit $status)" ;; esac
