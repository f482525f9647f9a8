package dev.awardsticker.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FanoutBench reads the gateway's per-loop series from /metrics, and nothing when there are none. */
class FanoutBenchLoopMetricsTest {

    @Test
    void groupsTheLoopSeriesByLoopAndLeavesOutBucketsAndOtherSeries() {
        String scrape = """
                # TYPE ticker_gateway_loop_frames_written_total counter
                ticker_gateway_loop_frames_written_total{loop="0"} 1.2345E7
                ticker_gateway_loop_frames_written_total{loop="1"} 42.0 1700000000000
                ticker_gateway_loop_longest_task_seconds_max{loop="1",kind="fanout"} 0.25
                ticker_gateway_loop_task_seconds_bucket{loop="0",le="0.001"} 3.0
                ticker_gateway_frames_sent_total 99.0
                """;
        Map<String, Map<String, Double>> loops = FanoutBench.loopMetrics(scrape);
        assertEquals(Map.of("frames_written_total", 1.2345E7), loops.get("0"));
        assertEquals(Map.of("frames_written_total", 42.0, "longest_task_seconds_max{kind=\"fanout\"}", 0.25),
                loops.get("1"));
        assertEquals(2, loops.size());
    }

    @Test
    void noLoopSeriesIsNoLoops() {
        assertTrue(FanoutBench.loopMetrics("ticker_gateway_clients 3.0\n").isEmpty());
    }
}
