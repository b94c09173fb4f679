package io.provstat.ingest;

import java.util.Locale;

/** Why an input row was rejected; the code is stable, the accompanying message names the value. */
public enum QuarantineReason {
  UNDECODABLE_BYTES,
  MALFORMED_LINE,
  WRONG_COLUMN_COUNT,
  MISSING_FIELD,
  UNKNOWN_PROVINCE,
  PROVINCE_NOT_IN_FORCE,
  UNKNOWN_INDICATOR,
  UNPARSABLE_NUMBER,
  YEAR_OUT_OF_RANGE,
  UNIT_MISMATCH,
  BAD_VALUE,
  /** A report whose province cannot be told from its text (and none was given). */
  UNDETERMINED_PROVINCE,
  /** A report whose figures' year cannot be told from its text (and none was given). */
  UNDETERMINED_YEAR,
  /** A report larger than a report can be. */
  FILE_TOO_LARGE,
  /** A real figure in a file of synthetic ones, or the reverse (see {@link Provenance}). */
  MIXED_PROVENANCE,
  /** A figure beyond what its unit allows (reference/units.csv, max_abs): a keying slip, not a figure. */
  IMPLAUSIBLE_MAGNITUDE;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
