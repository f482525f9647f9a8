package dev.awardsticker.gateway.hub;

import java.util.List;

/**
 * How the gateway's WebSocket clients are keeping up, for operators and tests; summed over the event loops.
 *
 * @param connections       open WebSocket connections now
 * @param pendingFrames     frames queued now, over all connections, because their sockets took no more
 * @param pendingBytes      bytes of those frames (update frames are shared between clients, so this overstates
 *                          the memory they hold)
 * @param peakPendingFrames most frames ever queued for one connection (never above GATEWAY_CLIENT_QUEUE_MAX)
 * @param peakPendingBytes  most bytes ever queued for one connection (never above GATEWAY_CLIENT_QUEUE_MAX_BYTES)
 * @param conflated         updates queued after waiting ones gave up what they supersede, since start
 * @param closedTooSlow     connections closed with 4408 because frames waited too many or too long, since start
 * @param clientsPerLoop    open clients (WebSockets and SSE streams) on each event loop, loop 0 first
 */
public record ClientStats(int connections, int pendingFrames, long pendingBytes, int peakPendingFrames,
                          long peakPendingBytes, long conflated, long closedTooSlow, List<Integer> clientsPerLoop) {

    public ClientStats {
        clientsPerLoop = List.copyOf(clientsPerLoop);
    }

    /** Both loops' (or more) stats as one: sums, and the larger peaks. */
    public static ClientStats sum(List<ClientStats> loops) {
        int connections = 0;
        int pendingFrames = 0;
        long pendingBytes = 0;
        int peakFrames = 0;
        long peakBytes = 0;
        long conflated = 0;
        long closed = 0;
        List<Integer> perLoop = new java.util.ArrayList<>();
        for (ClientStats loop : loops) {
            connections += loop.connections;
            pendingFrames += loop.pendingFrames;
            pendingBytes += loop.pendingBytes;
            peakFrames = Math.max(peakFrames, loop.peakPendingFrames);
            peakBytes = Math.max(peakBytes, loop.peakPendingBytes);
            conflated += loop.conflated;
            closed += loop.closedTooSlow;
            perLoop.addAll(loop.clientsPerLoop);
        }
        return new ClientStats(connections, pendingFrames, pendingBytes, peakFrames, peakBytes, conflated, closed,
                perLoop);
    }
}
