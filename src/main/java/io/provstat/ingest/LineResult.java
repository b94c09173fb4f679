package io.provstat.ingest;

import io.provstat.ingest.StagedRecords.Figure;
import java.util.List;

/** What one input line became: figures for the tables, or one rejection with its reason. */
public sealed interface LineResult {

  /** The line was understood; {@code notAvailable} counts cells marked as not available ("..") . */
  record Accepted(List<Figure> observations, List<Figure> aggregates, int notAvailable)
      implements LineResult {}

  /** The line goes to quarantine; {@code message} names the offending value. */
  record Rejected(String field, QuarantineReason reason, String message) implements LineResult {}

  /** Thrown inside a parser to reject the line being parsed. */
  final class Rejection extends Exception {
    final transient Rejected rejected;

    Rejection(String field, QuarantineReason reason, String message) {
      super(message, null, false, false);
      this.rejected = new Rejected(field, reason, message);
    }
  }
}
