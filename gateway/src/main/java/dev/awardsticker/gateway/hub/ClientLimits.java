package dev.awardsticker.gateway.hub;

/**
 * How much a client may fall behind before it is disconnected (see PROTOCOL.md, "Slow clients").
 *
 * @param heartbeatMs     ping interval; a client silent for three is closed, and so is one whose frames have waited
 *                        unsent for longer than one
 * @param maxQueuedFrames frames that may wait for one client whose socket takes no more
 * @param maxQueuedBytes  bytes those frames may add up to
 */
public record ClientLimits(long heartbeatMs, int maxQueuedFrames, long maxQueuedBytes) {}
