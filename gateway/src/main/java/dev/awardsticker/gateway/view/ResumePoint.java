package dev.awardsticker.gateway.view;

/** Where a client left off: the epoch and the seq of the last update it applied. */
public record ResumePoint(long epoch, long lastSeq) {}
