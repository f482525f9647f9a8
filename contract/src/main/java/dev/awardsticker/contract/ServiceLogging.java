package dev.awardsticker.contract;

import org.slf4j.MDC;

/**
 * One logging setup for every service, and the names of the fields that tie a log line to an editor event.
 */
public final class ServiceLogging {
    public static final String CONFIG = "ticker-logback.xml";
    /** MDC keys: every line about one event carries both, so a log search for an event id finds its whole story. */
    public static final String CEREMONY = "ceremony";
    public static final String EVENT_ID = "eventId";

    private ServiceLogging() {}

    /** Call first in a Main, before any logger exists: the services' config, unless the operator chose one. */
    public static void useServiceConfig() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", CONFIG);
        }
    }

    /** Puts the event's ceremony and id in the MDC until closed: {@code try (var ignored = ServiceLogging.event(c, e)) {...}}. */
    public static MDC.MDCCloseable event(String ceremony, String eventId) {
        MDC.put(CEREMONY, ceremony);
        return MDC.putCloseable(EVENT_ID, eventId);
    }
}
