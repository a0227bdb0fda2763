#!/bin/sh
# runtime.sh — the file tree under the container image's application layers (the image has no base image:
# Jib builds FROM scratch, since no registry is reachable from where it is built).
#
#   runtime.sh OUT_DIR LIB_DIR [JDK_HOME]
#
# Writes OUT_DIR/root/ with:
#   opt/java/                   a Java runtime made by jlink from a JDK >= 21 of this machine (JDK_HOME, else
#                               $JAVA_HOME, else the newest /usr/lib/jvm/*), with the JDK's compiler: `-A proj`
#                               compiles proj.java in memory
#   lib64/, lib/x86_64-linux-gnu/  the C libraries that java and the native libraries in LIB_DIR's jars
#                               (RocksDB, zstd, snappy, lz4) link against, copied from this machine (glibc and
#                               libstdc++ of its Linux distribution)
#   etc/passwd, group, nsswitch.conf   user faust (uid 1000), and name lookups from /etc/hosts, then DNS
#   opt/faust/jvm.options       the JVM options of the entry point (they depend on the Java version)
#   tmp/, var/lib/faust/, srv/faust/  scratch space (the JNI libraries unpack into /tmp), the data directory
#                               and the working directory (where -A proj finds proj.java)
#
# x86-64 Linux with glibc only; POSIX sh.

set -eu

say() {
    printf 'runtime.sh: %s\n' "$*" >&2
}

[ $# -ge 2 ] || { say "usage: runtime.sh OUT_DIR LIB_DIR [JDK_HOME]"; exit 2; }
mkdir -p "$1"
out=$(cd "$1" && pwd)
libs=$(cd "$2" && pwd) || { say "no such directory: $2"; exit 1; }
jdk=${3:-}

[ "$(uname -m)" = x86_64 ] || { say "only x86-64 is supported (this is $(uname -m))"; exit 1; }

java_feature() {
    "$1/bin/java" -version 2>&1 | sed -n 's/^.* version "\([0-9][0-9]*\).*$/\1/p' | head -n 1
}

usable() {
    [ -x "$1/bin/jlink" ] || return 1
    v=$(java_feature "$1")
    [ -n "$v" ] && [ "$v" -ge 21 ]
}

if [ -z "$jdk" ]; then
    if [ -n "${JAVA_HOME:-}" ] && usable "$JAVA_HOME"; then
        jdk=$JAVA_HOME
    else
        for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -r); do
            candidate=${candidate%/}
            if usable "$candidate"; then
                jdk=$candidate
                break
            fi
        done
    fi
fi
[ -n "$jdk" ] && usable "$jdk" || {
    say "no JDK 21 or newer with jlink found (looked at -Dfaust.image.jdk, \$JAVA_HOME, /usr/lib/jvm/*): install one or pass -Dfaust.image.jdk=/path/to/jdk"
    exit 1
}

root=$out/root
rm -rf "$out"
mkdir -p "$root"

# ---------------------------------------------------------------- the Java runtime
# What the distribution uses: the compiler (apps compiled in memory), JMX (Kafka's metrics), SASL/GSSAPI
# (broker credentials), java.beans (jackson, commons-beanutils), XML (logback), SQL types (jackson), JFR and
# jcmd for diagnosis in a running container.
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming
modules=$modules,java.net.http,java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.compiler
modules=$modules,jdk.jcmd,jdk.jfr,jdk.management,jdk.management.jfr,jdk.naming.dns,jdk.security.auth
modules=$modules,jdk.security.jgss,jdk.unsupported,jdk.zipfs
say "jlink $modules from $jdk"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --output "$out/jlink"
mkdir -p "$root/opt"
# no symbolic links in the layer: Jib copies files
cp -RL "$out/jlink" "$root/opt/java"
rm -rf "$out/jlink"

# ---------------------------------------------------------------- the C libraries
native=$out/native
mkdir -p "$native"
for jar in "$libs"/rocksdbjni-*.jar; do
    [ -f "$jar" ] && (cd "$native" && unzip -o -q "$jar" 'librocksdbjni-linux64.so')
done
for jar in "$libs"/zstd-jni-*.jar; do
    [ -f "$jar" ] && (cd "$native" && unzip -o -q -j "$jar" 'linux/amd64/*.so')
done
for jar in "$libs"/snappy-java-*.jar; do
    [ -f "$jar" ] && (cd "$native" && unzip -o -q -j "$jar" 'org/xerial/snappy/native/Linux/x86_64/*.so')
done
for jar in "$libs"/lz4-java-*.jar; do
    [ -f "$jar" ] && (cd "$native" && unzip -o -q -j "$jar" 'net/jpountz/util/linux/amd64/*.so')
done

# every library these load, as the dynamic loader of this machine resolves it (X11 and sound of AWT are left
# out: nothing here draws)
needed=$(for f in "$root"/opt/java/bin/java "$root"/opt/java/lib/server/libjvm.so "$root"/opt/java/lib/lib*.so \
        "$native"/*.so; do
    case $f in
        */libawt_xawt.so|*/libjawt.so|*/libsplashscreen.so|*/libjsound.so|*/libfontmanager.so|*/liblcms.so) continue ;;
    esac
    ldd "$f" 2>/dev/null | awk '/=> \// {print $3} /^[[:space:]]*\/lib64\// {print $1}'
done | sort -u)
mkdir -p "$root/lib/x86_64-linux-gnu" "$root/lib64"
for lib in $needed; do
    case $lib in
        */opt/java/*|"$native"/*) continue ;;
        */ld-linux-x86-64.so.2) cp -L "$lib" "$root/lib64/ld-linux-x86-64.so.2" ;;
        *) cp -L "$lib" "$root/lib/x86_64-linux-gnu/$(basename "$lib")" ;;
    esac
done
[ -f "$root/lib64/ld-linux-x86-64.so.2" ] || cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
rm -rf "$native"

# ---------------------------------------------------------------- JVM options (the image's entry point reads them)
mkdir -p "$root/opt/faust"
{
    echo "-XX:MaxRAMPercentage=75"
    echo "--enable-native-access=ALL-UNNAMED"
    # Kafka still calls sun.misc.Unsafe::invokeCleaner; from JDK 23 on that prints a warning block without this
    if [ "$(java_feature "$jdk")" -ge 23 ]; then
        echo "--sun-misc-unsafe-memory-access=allow"
    fi
} > "$root/opt/faust/jvm.options"

# ---------------------------------------------------------------- users, name lookups, directories
mkdir -p "$root/etc" "$root/tmp" "$root/var/lib/faust" "$root/home/faust" "$root/srv/faust"
cat > "$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
faust:x:1000:1000:Faust worker:/home/faust:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
EOF
cat > "$root/etc/group" <<'EOF'
root:x:0:
faust:x:1000:
nogroup:x:65534:
EOF
cat > "$root/etc/nsswitch.conf" <<'EOF'
passwd: files
group: files
hosts: files dns
EOF
# Jib leaves out empty directories: keep these
for dir in tmp var/lib/faust home/faust srv/faust; do
    : > "$root/$dir/.keep"
done

say "$(du -sh "$root/opt/java" | cut -f1) Java runtime, $(ls "$root/lib/x86_64-linux-gnu" | wc -l) C libraries in $root"
