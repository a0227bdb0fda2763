package faust.codecs.internal.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;

/**
 * Dates and times as Faust writes them: Python's {@code isoformat()} (microseconds only when not zero),
 * {@code +00:00} written {@code Z}, naive values without an offset, and a date as the date-time at midnight.
 * Reading accepts those forms, a space for the {@code T}, 1 to 9 fraction digits and offsets written
 * {@code Z}, {@code +HH:MM}, {@code +HHMM} or {@code +HH}.
 */
public final class PyDates {
    private PyDates() {
    }

    /**
     * @param t an OffsetDateTime, ZonedDateTime, Instant, LocalDateTime, LocalDate, LocalTime or OffsetTime
     * @return its text as Faust writes it
     * @throws IllegalArgumentException for another type or a year Python cannot hold (1 to 9999)
     */
    public static String format(Temporal t) {
        StringBuilder sb = new StringBuilder(32);
        switch (t) {
            case OffsetDateTime o -> dateTime(sb, o.toLocalDateTime()).append(offset(o.getOffset()));
            case ZonedDateTime z -> dateTime(sb, z.toLocalDateTime()).append(offset(z.getOffset()));
            case Instant i -> dateTime(sb, LocalDateTime.ofEpochSecond(i.getEpochSecond(), i.getNano(), ZoneOffset.UTC))
                    .append('Z');
            case LocalDateTime l -> dateTime(sb, l);
            case LocalDate d -> dateTime(sb, d.atStartOfDay());
            case LocalTime l -> time(sb, l);
            case OffsetTime o -> time(sb, o.toLocalTime()).append(offset(o.getOffset()));
            default -> throw new IllegalArgumentException(t.getClass().getSimpleName()
                    + " has no Python form: use OffsetDateTime, Instant, LocalDateTime, LocalDate or LocalTime");
        }
        return sb.toString();
    }

    private static StringBuilder dateTime(StringBuilder sb, LocalDateTime t) {
        int year = t.getYear();
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException("year " + year + " is outside Python's datetime range (1 to 9999)");
        }
        pad(sb, year, 4).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        pad(sb, t.getDayOfMonth(), 2).append('T');
        return time(sb, t.toLocalTime());
    }

    private static StringBuilder time(StringBuilder sb, LocalTime t) {
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2);
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            pad(sb.append('.'), micros, 6);
        }
        return sb;
    }

    private static String offset(ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        if (total == 0) {
            return "Z";
        }
        StringBuilder sb = new StringBuilder(9);
        sb.append(total < 0 ? '-' : '+');
        int abs = Math.abs(total);
        pad(sb, abs / 3600, 2).append(':');
        pad(sb, abs / 60 % 60, 2);
        if (abs % 60 != 0) {
            pad(sb.append(':'), abs % 60, 2);
        }
        return sb.toString();
    }

    private static StringBuilder pad(StringBuilder sb, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }

    /**
     * @param s a date ({@code 2024-01-02}) or date-time, with or without an offset
     * @return an OffsetDateTime (offset given), a LocalDateTime (naive) or a LocalDate (date only)
     * @throws IllegalArgumentException when it is not one of those forms
     */
    public static Temporal parse(String s) {
        Cursor c = new Cursor(s);
        int year = c.digits(4, 4);
        c.expect('-');
        int month = c.digits(1, 2);
        c.expect('-');
        int day = c.digits(1, 2);
        try {
            if (c.end()) {
                return LocalDate.of(year, month, day);
            }
            char sep = c.next();
            if (sep != 'T' && sep != ' ' && sep != 't') {
                throw c.fail();
            }
            LocalDateTime local = LocalDateTime.of(LocalDate.of(year, month, day), time(c));
            ZoneOffset off = offset(c);
            if (!c.end()) {
                throw c.fail();
            }
            return off == null ? local : OffsetDateTime.of(local, off);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * @param s a time of day ({@code 03:04:05.678901}), with or without an offset
     * @return an OffsetTime (offset given) or a LocalTime
     * @throws IllegalArgumentException when it is not a time
     */
    public static Temporal parseTime(String s) {
        Cursor c = new Cursor(s);
        try {
            LocalTime t = time(c);
            ZoneOffset off = offset(c);
            if (!c.end()) {
                throw c.fail();
            }
            return off == null ? t : OffsetTime.of(t, off);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static LocalTime time(Cursor c) {
        int hour = c.digits(2, 2);
        c.expect(':');
        int minute = c.digits(2, 2);
        int second = 0;
        int nano = 0;
        if (c.peek() == ':') {
            c.next();
            second = c.digits(2, 2);
            if (c.peek() == '.' || c.peek() == ',') {
                c.next();
                int start = c.pos;
                long frac = 0;
                int n = 0;
                while (Character.isDigit(c.peek())) {
                    char d = c.next();
                    if (n < 9) {
                        frac = frac * 10 + (d - '0');
                        n++;
                    }
                }
                if (c.pos == start) {
                    throw c.fail();
                }
                for (; n < 9; n++) {
                    frac *= 10;
                }
                nano = (int) frac;
            }
        }
        return LocalTime.of(hour, minute, second, nano);
    }

    private static ZoneOffset offset(Cursor c) {
        char ch = c.peek();
        if (ch == 'Z' || ch == 'z') {
            c.next();
            return ZoneOffset.UTC;
        }
        if (ch != '+' && ch != '-') {
            return null;
        }
        c.next();
        int sign = ch == '-' ? -1 : 1;
        int h = c.digits(2, 2);
        int m = 0;
        int sec = 0;
        if (c.peek() == ':') {
            c.next();
            m = c.digits(2, 2);
            if (c.peek() == ':') {
                c.next();
                sec = c.digits(2, 2);
            }
        } else if (Character.isDigit(c.peek())) {
            m = c.digits(2, 2);
        }
        return ZoneOffset.ofHoursMinutesSeconds(sign * h, sign * m, sign * sec);
    }

    private static final class Cursor {
        private final String s;
        private int pos;

        Cursor(String s) {
            this.s = s;
        }

        boolean end() {
            return pos >= s.length();
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        char next() {
            if (end()) {
                throw fail();
            }
            return s.charAt(pos++);
        }

        void expect(char ch) {
            if (next() != ch) {
                throw fail();
            }
        }

        int digits(int min, int max) {
            int v = 0;
            int n = 0;
            while (n < max && Character.isDigit(peek())) {
                v = v * 10 + (s.charAt(pos++) - '0');
                n++;
            }
            if (n < min) {
                throw fail();
            }
            return v;
        }

        IllegalArgumentException fail() {
            return new IllegalArgumentException("not an ISO-8601 date-time");
        }
    }
}
