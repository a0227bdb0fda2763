#!/usr/bin/env bash
# Faust benchmarks: one command for the whole suite (see benchmarks/README.md).
#
#   benchmarks/run.sh [--records N] [--runs N] [--cases a,b] [--broker host:port] ...   throughput/latency/lifecycle
#   benchmarks/run.sh --jmh [regex] [JMH options]                                       micro-benchmarks, no broker
#   benchmarks/run.sh --profile-share PATTERN RESULTS.json RECORDING.jfr...              CPU samples in some code
#   benchmarks/run.sh --help
#
# Builds the module (and what it needs) when its classes are missing or older than the sources, caches the
# class path in benchmarks/target/classpath.txt, then runs faust.bench.Main (or JMH) on a JDK >= 21.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
target="$here/target"

# A JDK >= 21, found like the build finds one: JAVA_HOME, then PATH, then /usr/lib/jvm/*.
java_major() {
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1
}
find_java() {
    local candidates=()
    [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
    command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
    local d
    for d in /usr/lib/jvm/*/; do candidates+=("${d}bin/java"); done
    local best="" best_v=0 c v
    for c in "${candidates[@]}"; do
        [[ -x "$c" ]] || continue
        v="$(java_major "$c")"; v="${v%%.*}"
        [[ "$v" =~ ^[0-9]+$ ]] || continue
        if (( v >= 21 )); then
            # the first one found that is new enough wins: JAVA_HOME and PATH keep their precedence
            best="$c"; best_v="$v"; break
        fi
    done
    if [[ -z "$best" ]]; then
        echo "error: no JDK 21 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm/*); set JAVA_HOME" >&2
        exit 2
    fi
    echo "$best"
}
JAVA="$(find_java)"

needs_build() {
    [[ -f "$target/classes/faust/bench/Main.class" ]] || return 0
    [[ -f "$target/classes/META-INF/BenchmarkList" ]] || return 0
    [[ -s "$target/classpath.txt" ]] || return 0
    local stamp="$root/faust-cli/target/faust/build.properties"   # written last by every package of faust-cli
    [[ -f "$stamp" ]] || return 0
    # benchmark sources, or the core/devbroker/cli sources it runs, changed since the last build of either the
    # benchmark classes or the distribution (a `mvn compile`/`test` makes the classes newer but leaves the
    # jars and the distribution behind)
    local mark
    for mark in "$target/classes/faust/bench/Main.class" "$stamp"; do
        [[ -n "$(find "$here/src/main" "$here/pom.xml" "$root/pom.xml" \
            "$root/faust-core/src/main" "$root/faust-core/pom.xml" \
            "$root/faust-devbroker/src/main" "$root/faust-devbroker/pom.xml" \
            "$root/faust-cli/src/main" "$root/faust-cli/pom.xml" \
            -newer "$mark" -type f 2>/dev/null | head -n1)" ]] && return 0
    done
    return 1
}
# `package`, never `install`: ~/.m2 is shared, and a SNAPSHOT installed from here would leak into other builds.
# One reactor build makes the benchmark classes, their class path (benchmarks/target/classpath.txt, naming the
# reactor's own faust-core/faust-devbroker jars, not ~/.m2's) and the bin/faust distribution the faust-cli
# cases run (faust-cli/target/faust).
if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]] && needs_build; then
    echo "building faust-benchmarks and the faust distribution (mvn -B -q -Dmaven.test.skip=true package -pl benchmarks,faust-cli -am) ..." >&2
    if ! log="$(cd "$root" && mvn -B -q -Dmaven.test.skip=true package -pl benchmarks,faust-cli -am 2>&1)"; then
        echo "$log" >&2
        exit 1
    fi
    touch "$target/classes/faust/bench/Main.class"
fi

cpfile="$target/classpath.txt"
if [[ ! -s "$cpfile" ]]; then
    echo "error: $cpfile is missing: build once without BENCH_SKIP_BUILD=1" >&2
    exit 1
fi
# The project's own jars (module/target/*.jar) are replaced by every build; a JVM whose jar changes under it
# fails with NoClassDefFoundError. Every invocation therefore runs on copies named by their content, which
# never change.
snapshot_cp() {
    local out="" entry base sum dst
    mkdir -p "$target/lib"
    IFS=':' read -r -a entries <<< "$(cat "$cpfile")"
    for entry in "${entries[@]}"; do
        if [[ ( "$entry" == */io/faust/* || "$entry" == "$root"/*/target/*.jar ) && -f "$entry" ]]; then
            base="$(basename "$entry")"
            sum="$(sha1sum "$entry" | cut -c1-12)"
            dst="$target/lib/${base%.jar}-$sum.jar"
            if [[ ! -f "$dst" ]]; then
                cp "$entry" "$dst.tmp.$$" && mv "$dst.tmp.$$" "$dst"
            fi
            entry="$dst"
        fi
        out="${out:+$out:}$entry"
    done
    echo "$out"
}
CP="$target/classes:$(snapshot_cp)"

if [[ "${1:-}" == "--jmh" ]]; then
    shift
    regex="faust.bench.jmh"
    if [[ $# -gt 0 && "$1" != -* ]]; then
        regex="$1"; shift
    fi
    # short by default: one fork, 2 x 1 s warm-up, 3 x 1 s measurement; options given here replace these
    defaults=()
    for pair in "-f 1" "-wi 2" "-i 3" "-w 1s" "-r 1s"; do
        opt="${pair%% *}"
        given=0
        for a in "$@"; do [[ "$a" == "$opt" ]] && given=1; done
        (( given )) || defaults+=($pair)
    done
    exec "$JAVA" -cp "$CP" org.openjdk.jmh.Main "$regex" "${defaults[@]}" "$@"
fi

if [[ "${1:-}" == "--profile-share" ]]; then
    shift
    exec "$JAVA" -cp "$CP" faust.bench.ProfileShare "$@"
fi

exec "$JAVA" -Xmx1g -XX:+UseG1GC -Dbench.home="$here" -cp "$CP" faust.bench.Main "$@"
