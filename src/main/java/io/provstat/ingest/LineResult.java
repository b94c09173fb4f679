package io.provstat.ingest;

import java.util.List;

/**
 * What one input line became. Counted in {@code ingest_runs} as: accepted ({@link Accepted}, or
 * {@link Stated} with nothing refused), quarantined ({@link Rejected}, or {@link Stated} with a figure
 * refused), without figures ({@link NoFigure}: a report's narrative line).
 */
public sealed interface LineResult {

  /**
   * A table line understood; {@code notAvailable} counts cells marked as not available (".."),
   * {@code skipped} the cells of columns the file's header says are not read (a GSO table's
   * breakdown that {@link GsoBreakdowns} does not map).
   */
  record Accepted(List<Figure> observations, List<Figure> aggregates, int notAvailable, int skipped)
      implements LineResult {
    public Accepted(List<Figure> observations, List<Figure> aggregates, int notAvailable) {
      this(observations, aggregates, notAvailable, 0);
    }
  }

  /** The line goes to quarantine; {@code message} names the offending value. */
  record Rejected(String field, QuarantineReason reason, String message) implements LineResult {}

  /**
   * A report line where quotes start: its figures stored with their quotes, and those refused, each
   * a quarantine row of its own. Counted as quarantined when any was refused, so a warning is never
   * missed; its other figures are still stored.
   */
  record Stated(List<Quoted> stored, List<Rejected> refused) implements LineResult {}

  /** A report's figure with the exact text it was read from and its character offsets in the file. */
  record Quoted(Figure figure, String quote, int quoteStart, int quoteEnd) {}

  /** A report's line that states no figure (narrative, menus, footers). */
  record NoFigure() implements LineResult {}

  /** Thrown inside a parser to reject the line being parsed. */
  final class Rejection extends Exception {
    final transient Rejected rejected;

    Rejection(String field, QuarantineReason reason, String message) {
      super(message, null, false, false);
      this.rejected = new Rejected(field, reason, message);
    }
  }
}
