package dev.awardsticker.ingest.replay;

import dev.awardsticker.ingest.importer.ReplayStep;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** How long a replay waits before each step: a fixed gap, or the show's own pace (from its times) sped up. */
public sealed interface Pacing {

    /** Milliseconds to wait before each step (the first waits 0). */
    long[] gapsMs(List<ReplayStep> steps);

    /** For progress output, e.g. "10x real pace". */
    String describe();

    static Pacing fixed(Duration gap) {
        return new Fixed(gap);
    }

    static Pacing fastest() {
        return new Fixed(Duration.ZERO);
    }

    /**
     * The show's pace divided by {@code speed}. Steps without a time are spread evenly between the nearest
     * steps with one; before the first or after the last known time, {@link RealTime#UNKNOWN_GAP} of show time
     * per step is assumed (a 3.5-hour show gives about 25 awards, one every 8 minutes).
     */
    static Pacing realTime(double speed) {
        return new RealTime(speed);
    }

    record Fixed(Duration gap) implements Pacing {
        public Fixed {
            if (gap.isNegative()) {
                throw new IllegalArgumentException("a gap can't be negative: " + gap);
            }
        }

        @Override
        public long[] gapsMs(List<ReplayStep> steps) {
            long[] gaps = new long[steps.size()];
            for (int i = 1; i < gaps.length; i++) {
                gaps[i] = gap.toMillis();
            }
            return gaps;
        }

        @Override
        public String describe() {
            return gap.isZero() ? "as fast as ingest answers" : "one every " + gap.toMillis() + " ms";
        }
    }

    record RealTime(double speed) implements Pacing {
        public static final Duration UNKNOWN_GAP = Duration.ofMinutes(8);
        private static final long DAY_MS = Duration.ofDays(1).toMillis();

        public RealTime {
            if (!(speed > 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("speed must be a positive number, not " + speed);
            }
        }

        @Override
        public long[] gapsMs(List<ReplayStep> steps) {
            double[] at = showTimes(steps);
            long[] gaps = new long[steps.size()];
            for (int i = 1; i < gaps.length; i++) {
                gaps[i] = Math.max(0, Math.round((at[i] - at[i - 1]) / speed));
            }
            return gaps;
        }

        /** Each step's time into the show in ms: known times unwrapped past midnight, the others filled in. */
        static double[] showTimes(List<ReplayStep> steps) {
            int n = steps.size();
            Double[] known = new Double[n];
            double offset = 0;
            Double last = null;
            for (int i = 0; i < n; i++) {
                Long ms = parse(steps.get(i).approxTimeEt());
                if (ms != null) {
                    // Times only go forward: a smaller one is past midnight (Best Picture at 00:08 after 23:54).
                    while (last != null && ms + offset < last) {
                        offset += DAY_MS;
                    }
                    known[i] = ms + offset;
                    last = known[i];
                }
            }
            double[] at = new double[n];
            int previous = -1;
            for (int i = 0; i < n; i++) {
                if (known[i] != null) {
                    at[i] = known[i];
                    previous = i;
                    continue;
                }
                int next = i + 1;
                while (next < n && known[next] == null) {
                    next++;
                }
                if (previous >= 0 && next < n) {
                    at[i] = at[previous] + (known[next] - at[previous]) * (i - previous) / (next - previous);
                } else if (previous >= 0) {
                    at[i] = at[i - 1] + UNKNOWN_GAP.toMillis();
                } else {
                    at[i] = (next < n ? known[next] : 0) - (double) (next - i) * UNKNOWN_GAP.toMillis();
                }
            }
            return at;
        }

        private static Long parse(String time) {
            if (time == null || time.isBlank()) {
                return null;
            }
            try {
                return LocalTime.parse(time.strip()).toNanoOfDay() / 1_000_000;
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        @Override
        public String describe() {
            return (speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed))
                    + "x the show's pace";
        }
    }
}
