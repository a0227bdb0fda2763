#!/bin/sh
# faults/run.sh — the fault suite's long form (issue 16; docs/reliability.md).
#
#   faults/run.sh [--guarantee at_least_once|exactly_once] [--short] [SCENARIO...]
#
# SCENARIO is one or more of: kill-loop broker-outage poison slow-agent disk-full (default: all).
# The long form: KILL loop with 500,000 events and a KILL every 5 s for a minute, the broker down 30 s
# under load, 10,000 poison messages among 50,000 good ones, 200 slow events, a datadir filled up under
# 60,000 events. --short runs the short form (what `mvn verify` runs). Any -Dfaults.<name>=<value> in
# FAULTS_OPTS overrides a figure (e.g. FAULTS_OPTS=-Dfaults.events=1000000).
#
# Each scenario prints its figure table; all rows are appended to faust-cli/target/faults/figures.md,
# each scenario's table is in faust-cli/target/faults/<scenario>.md. The disk-full scenario mounts a
# tmpfs (needs root or CAP_SYS_ADMIN; skipped otherwise). Takes 10-20 minutes on 2 cores.
set -eu
cd "$(dirname "$0")/.."
guarantee=at_least_once
long=true
tests=""
while [ $# -gt 0 ]; do
    case "$1" in
        --guarantee) guarantee="$2"; shift 2 ;;
        --guarantee=*) guarantee="${1#*=}"; shift ;;
        --short) long=false; shift ;;
        -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        kill-loop) tests="$tests,KillLoopFaultIT"; shift ;;
        broker-outage) tests="$tests,BrokerOutageFaultIT"; shift ;;
        poison) tests="$tests,PoisonFaultIT"; shift ;;
        slow-agent) tests="$tests,SlowAgentFaultIT"; shift ;;
        disk-full) tests="$tests,DiskFullFaultIT"; shift ;;
        *) echo "faults/run.sh: unknown argument '$1' (see faults/run.sh --help)" >&2; exit 2 ;;
    esac
done
case "$guarantee" in
    at_least_once|exactly_once) ;;
    *) echo "faults/run.sh: --guarantee must be at_least_once or exactly_once, not '$guarantee'" >&2; exit 2 ;;
esac
tests="${tests#,}"
[ -n "$tests" ] || tests='*FaultIT'
status=0
# shellcheck disable=SC2086
mvn -B -pl faust-cli -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test="$tests" -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dfaults.long="$long" -Dfaults.guarantee="$guarantee" ${FAULTS_OPTS:-} || status=$?
echo
echo "figures (faust-cli/target/faults/figures.md):"
cat faust-cli/target/faults/figures.md 2>/dev/null || echo "  none written"
exit $status
