#!/bin/sh
# containment-check.sh: a Chaos Mesh Workflow Task run after the recovery phase of a memory
# stress experiment. It turns "no node-mate restarted" into a measured verdict: it finds the
# node(s) the target pods run on, lists every pod on those nodes (all namespaces) and fails
# when any container other than the targeted ones terminated since the Workflow started.
#
# What counts (status.containerStatuses of every pod on the node):
#   - lastState.terminated.finishedAt at or after the start: the container was restarted
#     (any reason, any exit code: a node-mate restart is what containment must prevent);
#   - state.terminated.finishedAt at or after the start with a non-zero exit code: it was
#     killed or failed and has not been restarted (yet). A zero exit code is a Job finishing
#     normally and is not counted.
# Init containers count like the others (a native sidecar restarts; an init container that ran
# again after the start means the pod restarted). A termination record without a finishedAt
# cannot be placed in time: it is printed as a warning, not counted.
# Targeted containers (excluded) follow Chaos Mesh: in every pod the selector matches, the
# names in CONTAINMENT_CONTAINERS, or the first container when it is empty. Their OOM kill is
# the expected outcome of the experiment, not a containment failure.
#
# The start time is the Workflow's status.startTime (metadata.creationTimestamp when the
# status has none yet, which is earlier and so stricter). A Task cannot template values from
# its Workflow, so the script reads the Workflow live; its name and namespace come from the
# Task pod's own label chaos-mesh.org/workflow and namespace (downward API environment).
#
# Configuration (environment):
#   CONTAINMENT_EXPERIMENT          readable experiment name, for messages            (required)
#   CONTAINMENT_NAMESPACES          target namespaces, comma-separated                (required)
#   CONTAINMENT_SELECTOR            target label selector, key=value pairs, comma-separated (required)
#   CONTAINMENT_CONTAINERS          targeted container names, comma-separated         (default: first)
#   CONTAINMENT_WORKFLOW            name of the Workflow that runs this check         (required)
#   CONTAINMENT_WORKFLOW_NAMESPACE  namespace of that Workflow                        (required)
#   CONTAINMENT_REQUEST_TIMEOUT     kubectl --request-timeout                         (default 30s)
#
# Exit status: 0 containment held (one summary line with the number of node-mates checked),
# 1 a node-mate terminated or no target pod was found, 2 bad configuration, kubectl failure
# or unreadable output.
#
# Implementation: POSIX sh, kubectl and awk only, like presync-guard.sh (same JSON reader).

set -u
set -f

PROG=containment-check

JSON_FLATTEN_AWK='
# json-flatten: reads JSON, prints one line per scalar: tag TAB key TAB path TAB value.
# path joins object keys and array indexes with dots (items.0.metadata.name); strings are
# printed without their quotes and escapes are kept as written; null prints nothing.
# It reads the valid JSON kubectl prints; broken nesting, truncation or empty input exit 3.
function jf_fail(rest) {
    printf "json-flatten: unreadable JSON near: %s\n", substr(rest, 1, 40) > "/dev/stderr"
    jf_bad = 1
    exit 3
}
function jf_emit(v,    i, p) {
    p = ""
    for (i = 1; i <= jf_depth; i++) p = (i == 1) ? jf_key[i] : p "." jf_key[i]
    print tag "\t" key "\t" p "\t" v
}
{
    s = $0
    while (s != "") {
        c = substr(s, 1, 1)
        if (c == " " || c == "\t" || c == "\r") { sub(/^[ \t\r]+/, "", s); continue }
        jf_seen = 1
        if (c == "{" || c == "[") {
            if (jf_depth > 0 && jf_kind[jf_depth] == "o" && jf_wantkey[jf_depth]) jf_fail(s)
            jf_depth++
            jf_kind[jf_depth] = (c == "{") ? "o" : "a"
            jf_key[jf_depth] = (c == "{") ? "" : 0
            jf_wantkey[jf_depth] = (c == "{") ? 1 : 0
            s = substr(s, 2)
            continue
        }
        if (c == "}" || c == "]") {
            if (jf_depth < 1 || jf_kind[jf_depth] != ((c == "}") ? "o" : "a")) jf_fail(s)
            jf_depth--
            s = substr(s, 2)
            continue
        }
        if (c == ",") {
            if (jf_depth < 1) jf_fail(s)
            if (jf_kind[jf_depth] == "a") jf_key[jf_depth]++
            else jf_wantkey[jf_depth] = 1
            s = substr(s, 2)
            continue
        }
        if (c == ":") {
            if (jf_depth < 1 || jf_kind[jf_depth] != "o") jf_fail(s)
            jf_wantkey[jf_depth] = 0
            s = substr(s, 2)
            continue
        }
        if (c == "\"") {
            if (!match(s, /^"([^"\\]|\\.)*"/)) jf_fail(s)
            v = substr(s, 2, RLENGTH - 2)
            s = substr(s, RLENGTH + 1)
            if (jf_depth > 0 && jf_kind[jf_depth] == "o" && jf_wantkey[jf_depth]) jf_key[jf_depth] = v
            else jf_emit(v)
            continue
        }
        if (match(s, /^(-?[0-9][-+.eE0-9]*|true|false|null)/)) {
            if (jf_depth > 0 && jf_kind[jf_depth] == "o" && jf_wantkey[jf_depth]) jf_fail(s)
            v = substr(s, 1, RLENGTH)
            s = substr(s, RLENGTH + 1)
            if (v != "null") jf_emit(v)
            continue
        }
        jf_fail(s)
    }
}
END {
    if (jf_bad) exit 3
    if (!jf_seen || jf_depth != 0) {
        print "json-flatten: empty or truncated JSON" > "/dev/stderr"
        exit 3
    }
}
# end json-flatten
'

# The verdict over flattened lines. Sources: F the Workflow, T target pods, N node pods.
CONTAINMENT_AWK='
BEGIN {
    FS = "\t"
    ntc = split(containers, tcl, ",")
    for (i = 1; i <= ntc; i++) tcset[tcl[i]] = 1
    label = prog "[" experiment "]"
}
# "YYYY-MM-DDTHH:MM:SSZ" (an optional fraction is dropped: whole seconds compare as strings),
# or "" when the text is not an RFC 3339 UTC time.
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
    else if (rest == "spec.nodeName") node[it] = val
    else if (match(rest, /^spec\.(initContainers|containers)\.[0-9]+\./)) {
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
        k = substr(rest, pre + 1, RLENGTH - pre - 1)
        k = ((pre == 29) ? "i" : "c") k
        f = substr(rest, RLENGTH + 1)
        cs[it, k, f] = val
        if (!((it, k) in csseen)) { csseen[it, k] = 1; cskeys[it] = cskeys[it] " " k }
    }
}
function problem(msg) {
    printf "%s: FAIL %s\n", label, msg > "/dev/stderr"
    nproblems++
}
function target(it, grp, k) {
    tset[ikey[it] "/" name[it] "/" cname[it, grp, k]] = 1
    tlist = tlist ((tlist == "") ? "" : ", ") ikey[it] "/" name[it] "/" cname[it, grp, k]
}
function detail(it, k, which,    r, e) {
    r = cs[it, k, which ".reason"]; e = cs[it, k, which ".exitCode"]
    return ((r == "") ? "" : ", reason " r) ((e == "") ? "" : ", exit code " e) ", restarts " (cs[it, k, "restartCount"] + 0)
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
        checked = 0
        nk = split(cskeys[it], keys, " ")
        for (j = 1; j <= nk; j++) {
            k = keys[j]
            c = cs[it, k, "name"]
            id = pns[it] "/" name[it] "/" c
            if (id in tset) continue
            checked = 1; ncontainers++
            where = "node " ikey[it] ": " id
            lt = cs[it, k, "lastState.terminated.finishedAt"]
            if (lt != "") {
                if (ts(lt) == "") problem(where " has an unreadable lastState.terminated.finishedAt \"" lt "\"")
                else if (ts(lt) >= start) problem(where " restarted after the Workflow started at " start " (terminated " lt detail(it, k, "lastState.terminated") ")")
            } else if (cs[it, k, "lastState.terminated.reason"] != "" || cs[it, k, "lastState.terminated.exitCode"] != "") {
                printf "%s: WARN %s has a termination record without finishedAt%s; it cannot be placed in time and is not counted\n", label, where, detail(it, k, "lastState.terminated") > "/dev/stderr"
            }
            st = cs[it, k, "state.terminated.finishedAt"]
            if (st != "" && cs[it, k, "state.terminated.exitCode"] != "0") {
                if (ts(st) == "") problem(where " has an unreadable state.terminated.finishedAt \"" st "\"")
                else if (ts(st) >= start) problem(where " terminated after the Workflow started at " start " (terminated " st detail(it, k, "state.terminated") ")")
            }
        }
        if (checked) npods++
    }
    if (nproblems > 0) {
        printf "%s: %d problem(s) on node(s) %s since %s; the memory stressor was not contained to its target\n", label, nproblems, nodes, start > "/dev/stderr"
        exit 1
    }
    printf "%s: OK checked %d node-mate container(s) in %d pod(s) on node(s) %s; none terminated since the Workflow started at %s (targets excluded: %s)\n", label, ncontainers, npods, nodes, start, tlist
}
'

NODES_AWK='
BEGIN { FS = "\t" }
$1 == "T" && $3 ~ /^items\.[0-9]+\.spec\.nodeName$/ && $4 != "" && !($4 in seen) { seen[$4] = 1; print $4 }
'

say() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() { say "ERROR $*"; exit 2; }

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

# fetch TAG KEY kubectl-arguments...: runs `kubectl ARGS -o json`, appends flattened lines.
fetch() {
    tag=$1; key=$2; shift 2
    if ! kubectl "$@" -o json --request-timeout="$TIMEOUT" > "$work/out.json" 2> "$work/err"; then
        die "kubectl $* failed: $(tr '\n' ' ' < "$work/err")"
    fi
    awk -v tag="$tag" -v key="$key" "$JSON_FLATTEN_AWK" "$work/out.json" >> "$work/flat" 2> "$work/err" ||
        die "kubectl $* printed output that is not JSON: $(tr '\n' ' ' < "$work/err")"
}

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
case $status in 0|1) exit $status ;; 2) exit 2 ;; *) die "the check itself failed (awk exit $status)" ;; esac
