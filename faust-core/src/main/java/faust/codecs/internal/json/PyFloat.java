package faust.codecs.internal.json;

import java.math.BigDecimal;

/**
 * Floats as Python writes them: {@code repr(x)} (shortest digits that read back to the same double;
 * exponent form below 1e-4 and from 1e16 on, as {@code 1e-05} and {@code 1e+16}), and Python's JSON words
 * for the non-finite ones.
 */
public final class PyFloat {
    private PyFloat() {
    }

    /**
     * @param d a double
     * @return what Python's {@code json.dumps} writes for it: {@code repr}, or {@code NaN},
     *         {@code Infinity}, {@code -Infinity}
     */
    public static String json(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return repr(d);
    }

    /**
     * @param d a double
     * @return Python's {@code repr(d)} ({@code nan}, {@code inf}, {@code -inf} for the non-finite ones)
     */
    public static String repr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0.0";
        }
        double a = Math.abs(d);
        String java = Double.toString(a);
        if (java.indexOf('E') < 0 && !twoDigits(java)) {
            return d < 0 ? "-" + java : java; // 0.001 <= a < 1e7: Java's plain form is Python's
        }
        Digits digits = shortest(java);
        if (digits.text.length() == 2) {
            digits = oneDigit(digits, a, false);
        }
        return format(d < 0, digits);
    }

    /**
     * @param f a float
     * @return the shortest decimal that reads back to the same float, in Python's {@code repr} layout
     *         (Python has no 32-bit float; this is what a float field should look like to a reader)
     */
    public static String json(float f) {
        if (Float.isNaN(f) || Float.isInfinite(f)) {
            return json((double) f);
        }
        if (f == 0) {
            return Float.floatToRawIntBits(f) < 0 ? "-0.0" : "0.0";
        }
        float a = Math.abs(f);
        Digits digits = shortest(Float.toString(a));
        if (digits.text.length() == 2) {
            digits = oneDigit(digits, a, true);
        }
        return format(f < 0, digits);
    }

    /** @return whether a plain decimal ({@code 12.0}, {@code 0.012}, {@code 1.5}) has two significant digits */
    private static boolean twoDigits(String plain) {
        int first = -1;
        int last = -1;
        int index = 0;
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (c == '.') {
                continue;
            }
            if (c != '0') {
                if (first < 0) {
                    first = index;
                }
                last = index;
            }
            index++;
        }
        return last - first == 1;
    }

    /** Significant digits (no leading or trailing zeros) and the point: value = 0.digits x 10^point. */
    private record Digits(String text, int point) {
    }

    /** From Java's shortest representation ({@code 123.45}, {@code 1.0E-5}, {@code 4.9E-324}). */
    private static Digits shortest(String s) {
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        int exp = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String all = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        int point = dot + exp;
        int start = 0;
        while (start < all.length() - 1 && all.charAt(start) == '0') {
            start++;
            point--;
        }
        int end = all.length();
        while (end > start + 1 && all.charAt(end - 1) == '0') {
            end--;
        }
        return new Digits(all.substring(start, end), point);
    }

    /**
     * Java picks among decimals of one or two digits the closest one; Python takes the shortest. When a
     * one-digit decimal also reads back to the same value, Python writes that one (4.9E-324 vs 5e-324).
     */
    private static Digits oneDigit(Digits two, double value, boolean single) {
        int first = two.text.charAt(0) - '0';
        Digits best = null;
        BigDecimal bestDistance = null;
        BigDecimal exact = new BigDecimal(value);
        for (int c = first; c <= first + 1; c++) {
            Digits cand = c == 10 ? new Digits("1", two.point + 1) : new Digits(Integer.toString(c), two.point);
            String text = cand.text + "E" + (cand.point - 1);
            boolean same = single ? Float.parseFloat(text) == (float) value : Double.parseDouble(text) == value;
            if (same) {
                BigDecimal distance = new BigDecimal(text).subtract(exact).abs();
                if (best == null || distance.compareTo(bestDistance) < 0) {
                    best = cand;
                    bestDistance = distance;
                }
            }
        }
        return best != null ? best : two;
    }

    private static String format(boolean negative, Digits d) {
        StringBuilder sb = new StringBuilder(24);
        if (negative) {
            sb.append('-');
        }
        String t = d.text;
        int point = d.point;
        if (point <= -4 || point > 16) {
            sb.append(t.charAt(0));
            if (t.length() > 1) {
                sb.append('.').append(t, 1, t.length());
            }
            int exp = point - 1;
            sb.append('e').append(exp < 0 ? '-' : '+');
            int abs = Math.abs(exp);
            if (abs < 10) {
                sb.append('0');
            }
            sb.append(abs);
        } else if (point <= 0) {
            sb.append("0.");
            sb.append("0".repeat(-point));
            sb.append(t);
        } else if (point >= t.length()) {
            sb.append(t).append("0".repeat(point - t.length())).append(".0");
        } else {
            sb.append(t, 0, point).append('.').append(t, point, t.length());
        }
        return sb.toString();
    }
}
