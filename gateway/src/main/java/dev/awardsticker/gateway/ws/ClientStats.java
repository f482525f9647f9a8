package dev.awardsticker.gateway.ws;

/**
 * How the gateway's WebSocket clients are keeping up, for operators and tests.
 *
 * @param connections       open connections now
 * @param pendingFrames     frames queued now, over all connections, because their sockets took no more
 * @param pendingBytes      bytes of those frames (update frames are shared between clients, so this overstates
 *                          the memory they hold)
 * @param peakPendingFrames most frames ever queued for one connection (never above GATEWAY_CLIENT_QUEUE_MAX)
 * @param peakPendingBytes  most bytes ever queued for one connection (never above GATEWAY_CLIENT_QUEUE_MAX_BYTES)
 * @param conflated         updates queued after waiting ones gave up what they supersede, since start
 * @param closedTooSlow     connections closed with 4408 because frames waited too many or too long, since start
 */
public record ClientStats(int connections, int pendingFrames, long pendingBytes, int peakPendingFrames,
                          long peakPendingBytes, long conflated, long closedTooSlow) {}
