package dev.awardsticker.gateway.hub;

/**
 * Folds the socket flushes that a piece of the hub's work causes into one per client (the transport's
 * {@code FlushBatch}); without it every write is flushed on its own.
 */
public interface Batching {
    void run(Runnable work);

    Batching NONE = Runnable::run;
}
