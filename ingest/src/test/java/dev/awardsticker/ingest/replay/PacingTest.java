package dev.awardsticker.ingest.replay;

import dev.awardsticker.ingest.importer.CeremonyImportLoader;
import dev.awardsticker.ingest.importer.ReplayStep;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PacingTest {
    private static ReplayStep at(String time) {
        return new ReplayStep(ReplayStep.Kind.WIN, "x", 1, "c", "n", null, null, time);
    }

    @Test
    void aFixedGapWaitsBeforeEveryStepButTheFirst() {
        assertArrayEquals(new long[] {0, 1500, 1500}, Pacing.fixed(Duration.ofMillis(1500)).gapsMs(
                List.of(at(null), at(null), at(null))));
    }

    @Test
    void realTimeDividesTheShowsGapsBySpeedAndCrossesMidnight() {
        long[] gaps = Pacing.realTime(60).gapsMs(List.of(at("23:54"), at("00:08"), at("00:12")));
        // 14 and 4 minutes of show, 60x faster: 14 s and 4 s.
        assertArrayEquals(new long[] {0, 14_000, 4_000}, gaps);
    }

    @Test
    void stepsWithoutATimeAreSpreadEvenlyBetweenKnownTimes() {
        long[] gaps = Pacing.realTime(1).gapsMs(List.of(at("20:00"), at(null), at(null), at("20:30")));
        assertArrayEquals(new long[] {0, 600_000, 600_000, 600_000}, gaps);
        long[] edges = Pacing.realTime(1).gapsMs(List.of(at(null), at("20:00"), at(null)));
        long unknown = Pacing.RealTime.UNKNOWN_GAP.toMillis();
        assertArrayEquals(new long[] {0, unknown, unknown}, edges);
    }

    @Test
    void theOscarsReplayAt100xTakesAbout2MinutesAndNeverWaitsNegative() {
        List<ReplayStep> steps = CeremonyImportLoader.fromClasspath(CeremonyImportLoader.ACADEMY_AWARDS_89).steps();
        long[] gaps = Pacing.realTime(100).gapsMs(steps);
        assertEquals(0, Arrays.stream(gaps).filter(g -> g < 0).count());
        long total = Arrays.stream(gaps).sum();
        // 20:51 to 00:12 is 201 minutes of show: 120.6 s at 100x.
        assertEquals(120_600, total, 50);
        assertEquals(2_400, gaps[gaps.length - 1], "the correction came 4 minutes after La La Land was read");
    }

    @Test
    void refusesASpeedThatIsNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> Pacing.realTime(0));
        assertThrows(IllegalArgumentException.class, () -> Pacing.realTime(Double.NaN));
    }
}
