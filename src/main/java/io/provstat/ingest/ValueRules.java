package io.provstat.ingest;

import io.provstat.reference.Measure;
import io.provstat.reference.ReferenceData;
import java.util.Optional;

/**
 * The checks every figure passes before it is stored, whatever format it came in (tidy CSV, GSO
 * table, report): one piece of code, so a figure refused in one format is refused, with the same
 * reason code and message, in the others. Run after the number is parsed and its unit known.
 *
 * <ul>
 *   <li>levels (value, plan), attainments and indices cannot be negative ({@code bad_value});
 *   <li>a reported rank is a whole number from 1 ({@code bad_value});
 *   <li>no figure is larger than its unit allows: {@code max_abs} of
 *       {@value ReferenceData#UNITS_RESOURCE} ({@code implausible_magnitude}), which also keeps every
 *       stored value within what the analytics' exact sums hold.
 * </ul>
 */
public final class ValueRules {

  /** Why a figure is refused: the quarantine reason and a message naming the value. */
  public record Violation(QuarantineReason reason, String message) {}

  private ValueRules() {}

  /** The first rule the figure breaks, or empty when it may be stored. */
  public static Optional<Violation> check(Measure measure, String unit, double value) {
    switch (measure) {
      case VALUE, PLAN -> {
        if (value < 0) {
          return violation(QuarantineReason.BAD_VALUE, "a level cannot be negative: " + value);
        }
      }
      case REPORTED_RANK -> {
        if (value < 1 || value != Math.rint(value)) {
          return violation(QuarantineReason.BAD_VALUE, "a rank is a whole number from 1: " + value);
        }
      }
      case PLAN_ATTAINMENT_PCT, INDEX_PREV_YEAR -> {
        if (value < 0) {
          return violation(QuarantineReason.BAD_VALUE, measure.code() + " cannot be negative: " + value);
        }
      }
      default -> {
        // growth rates may take any sign
      }
    }
    double bound = ReferenceData.get().maxAbs(unit);
    if (!(Math.abs(value) <= bound)) {
      return violation(QuarantineReason.IMPLAUSIBLE_MAGNITUDE, measure.code() + " " + value + " " + unit
          + " is beyond what a figure in " + unit + " can be (at most " + bound + "; see "
          + ReferenceData.UNITS_RESOURCE + ")");
    }
    return Optional.empty();
  }

  private static Optional<Violation> violation(QuarantineReason reason, String message) {
    return Optional.of(new Violation(reason, message));
  }
}
