package dev.awardsticker.ingest.importer;

/**
 * An announcement corrected during the show, e.g. the 89th Academy Awards' Best Picture: La La Land was read
 * from the wrong envelope and Moonlight named the winner minutes later. A replay posts the wrong announcement
 * as it was made, then this correction, so the ticker goes through what viewers saw.
 *
 * @param afterOrder   the {@link AnnouncedWin#order()} of the announcement it corrects
 * @param announced    the nominee announced by mistake
 * @param correctTo    the true winner
 * @param approxTimeEt approximate US Eastern time of the correction, e.g. "00:12", or null when unknown
 */
public record AnnouncedCorrection(int afterOrder, String category, String announced, String correctTo, String reason,
                                  String approxTimeEt) {}
