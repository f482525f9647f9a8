package dev.awardsticker.gateway.feed;

import java.util.List;

/** Whether a client that saw a ceremony up to a given point can continue from there. */
public sealed interface ResumeResult {

    /** The client continues at {@code fromSeq}; {@code missed} are exactly the updates it has not seen. */
    record Resumed(long fromSeq, List<FeedUpdate> missed) implements ResumeResult {}

    /** The client must start again from a fresh snapshot; {@code reason} says why, for the client and its logs. */
    record Reset(String reason) implements ResumeResult {}
}
