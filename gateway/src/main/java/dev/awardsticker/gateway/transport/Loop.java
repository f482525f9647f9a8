package dev.awardsticker.gateway.transport;

import dev.awardsticker.gateway.auth.AccessControl;
import dev.awardsticker.gateway.hub.Batching;
import dev.awardsticker.gateway.hub.Hub;
import dev.awardsticker.gateway.transport.netty.NettySeam;

/**
 * What a transport's endpoint on one event loop works with: the loop's hub, access control, and the Netty seam with
 * the loop's flush batching.
 */
public record Loop(Hub hub, AccessControl access, NettySeam seam, Batching batching) {}
