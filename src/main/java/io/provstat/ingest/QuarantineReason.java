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
  /** A real figure in a file of synthetic ones, or the reverse (see {@link Provenance}). */
  MIXED_PROVENANCE;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
