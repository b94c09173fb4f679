package io.provstat.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The file formats provstat reads. */
public enum InputFormat {
  /** One observation per row, header names from the model; the format of sample-data. */
  TIDY_CSV,
  /** A GSO statistical table: provinces by rows, years by columns, ';'-separated. */
  GSO_TABLE,
  /** A narrative report in plain UTF-8 text; its quantified statements are extracted (issue 8). */
  REPORT;

  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<InputFormat> fromCode(String code) {
    return Arrays.stream(values()).filter(f -> f.code().equals(code)).findFirst();
  }

  public static String codes() {
    return Arrays.stream(values()).map(InputFormat::code).collect(Collectors.joining(", "));
  }
}
