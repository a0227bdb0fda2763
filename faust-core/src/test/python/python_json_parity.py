"""Writes faust-core/src/test/resources/python-json-parity.tsv: values and the exact text CPython's json
(as Faust 0.11.3 configures it: separators=(",", ":"), ensure_ascii, Faust's on_default for Decimal,
datetime and bytes) writes for them.  PythonParityTest checks the Java codecs against every line.

Run from the repository root:  python3 faust-core/src/test/python/python_json_parity.py
Lines: kind <TAB> input <TAB> ascii output [<TAB> utf-8 output (strings only)]; the input is given so
that Java can rebuild the exact value (double bits in hex, code points in hex, ...).
"""
import datetime
import json
import random
import struct
import sys
from decimal import Decimal


def on_default(o):  # faust.utils.json.on_default for the types used here
    if isinstance(o, (Decimal, bytes)):
        return str(o)
    if isinstance(o, (datetime.date, datetime.time)):
        if not isinstance(o, (datetime.datetime, datetime.time)):
            o = datetime.datetime(o.year, o.month, o.day, 0, 0, 0, 0)
        r = o.isoformat()
        if r.endswith("+00:00"):
            r = r[:-6] + "Z"
        return r
    raise TypeError(type(o))


def dumps(o, ascii=True):
    return json.dumps(o, separators=(",", ":"), default=on_default, ensure_ascii=ascii)


rnd = random.Random(20241202)
out = []


def esc(s):
    return s.encode("unicode_escape").decode("ascii").replace("\t", "\\t")


# floats: random bit patterns, decimal-looking values, edges
floats = [0.0, -0.0, 0.1, 3.25, 1e16, 1e15, 1e-5, 1e-4, 0.0001, 123456789012345678.0, 5e-324, 2.2250738585072014e-308,
          1.7976931348623157e308, float("inf"), float("-inf"), float("nan"), 1796178239.9, 1796178230.0, 100.0,
          1e22, 1e23, 9007199254740993.0, 0.3, 2 / 3, 1e-7, 123e-20]
for _ in range(1000):
    floats.append(struct.unpack("<d", struct.pack("<Q", rnd.getrandbits(64)))[0])
for _ in range(400):
    floats.append(round(rnd.uniform(-1e6, 1e6), rnd.randint(0, 8)))
for _ in range(200):
    floats.append(rnd.randint(1, 999) * 10.0 ** rnd.randint(-30, 30))
for f in floats:
    out.append(("float", struct.pack(">d", f).hex(), dumps(f)))

# Decimal: str() keeps the exponent
for _ in range(600):
    digits = str(rnd.randint(0, 10 ** rnd.randint(1, 25)))
    exp = rnd.randint(-30, 12)
    sign = rnd.choice([0, 0, 1])
    d = Decimal((sign, tuple(int(c) for c in digits), exp))
    if d.is_zero() and sign:
        continue  # Java's BigDecimal has no negative zero
    out.append(("decimal", ("-" if sign else "") + digits + ":" + str(-exp), dumps(d)))

# text: ASCII, controls, DEL, Latin-1, BMP, astral, lone surrogates
pools = [range(0x20, 0x7F), range(0, 0x20), [0x7F], range(0xA0, 0x100), range(0x100, 0xD800),
         range(0xE000, 0x10000), range(0x10000, 0x110000), range(0xD800, 0xE000)]
for i in range(800):
    cps = []
    for _ in range(rnd.randint(0, 12)):
        pool = pools[rnd.choice([0, 0, 0, 1, 2, 3, 4, 5, 6, 7])]
        cps.append(rnd.choice(pool) if isinstance(pool, list) else rnd.randrange(pool.start, pool.stop))
    s = "".join(map(chr, cps))
    surrogate = any(0xD800 <= c < 0xE000 for c in cps)
    row = ["string", " ".join("%x" % c for c in cps), dumps(s)]
    if not surrogate:
        row.append(dumps(s, ascii=False))
    out.append(tuple(row))

# datetimes: aware (various offsets) and naive, with and without microseconds; dates; times
for _ in range(300):
    dt = datetime.datetime(rnd.randint(1, 9999), rnd.randint(1, 12), rnd.randint(1, 28), rnd.randint(0, 23),
                           rnd.randint(0, 59), rnd.randint(0, 59), rnd.choice([0, rnd.randint(0, 999999)]))
    kind = rnd.choice(["naive", "utc", "offset"])
    if kind == "utc":
        dt = dt.replace(tzinfo=datetime.timezone.utc)
    elif kind == "offset":
        minutes = rnd.choice([-720, -330, -60, 60, 330, 345, 840])
        dt = dt.replace(tzinfo=datetime.timezone(datetime.timedelta(minutes=minutes)))
    off = "naive" if dt.tzinfo is None else str(int(dt.utcoffset().total_seconds()))
    inp = "%d %d %d %d %d %d %d %s" % (dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, dt.microsecond, off)
    out.append(("datetime", inp, dumps(dt)))
    out.append(("date", "%d %d %d" % (dt.year, dt.month, dt.day), dumps(dt.date())))
    t = dt.time()
    out.append(("time", "%d %d %d %d" % (t.hour, t.minute, t.second, t.microsecond), dumps(t)))

# bytes inside JSON: Faust writes str(bytes)
for _ in range(400):
    b = bytes(rnd.choice([rnd.randrange(256), rnd.choice(b"'\"\\\t\n\ra ")]) for _ in range(rnd.randint(0, 16)))
    out.append(("bytes", b.hex(), dumps(b)))

# dict keys: ints and floats become strings
for _ in range(200):
    k = rnd.choice([rnd.randint(-10 ** 12, 10 ** 12), rnd.uniform(-1e20, 1e20), float(rnd.randint(0, 100))])
    out.append(("floatkey" if isinstance(k, float) else "intkey",
                struct.pack(">d", k).hex() if isinstance(k, float) else str(k), dumps({k: 1})))

path = sys.argv[1] if len(sys.argv) > 1 else "faust-core/src/test/resources/python-json-parity.tsv"
with open(path, "w", encoding="utf-8", newline="\n") as f:
    f.write("# generated by faust-core/src/test/python/python_json_parity.py with CPython %s\n"
            % sys.version.split()[0])
    for row in out:
        f.write("\t".join(esc(c) if i >= 2 else c for i, c in enumerate(row)) + "\n")
print(len(out), "lines ->", path)
