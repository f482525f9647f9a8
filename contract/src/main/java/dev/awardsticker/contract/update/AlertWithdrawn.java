package dev.awardsticker.contract.update;

/** An alert raised earlier is no longer true (the win it rested on was corrected): take the banner down. */
public record AlertWithdrawn(String alertId, String headline, String reason) implements Change {}
