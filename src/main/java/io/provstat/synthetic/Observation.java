package io.provstat.synthetic;

import io.provstat.ingest.Figure;
import io.provstat.reference.Measure;
import io.provstat.reference.Status;

/**
 * One generated figure, with its value as the decimal text written to CSV: the warehouse form
 * parses the same text, so both forms carry bit-identical doubles.
 *
 * @param revision whether this is a superseded first estimate (ingest's deduplication keeps the
 *     later vintage, in either form)
 */
public record Observation(String provinceCode, String provinceName, String regionCode, int year,
    String period, String indicator, String measure, String value, String unit, String status,
    String vintage, boolean revision) {

  /** The figure as ingest stages it, citing {@code document}; the value is the CSV text's. */
  public Figure figure(String document) {
    return new Figure(provinceCode, provinceName, regionCode, null, null, year, period, indicator,
        Measure.fromCode(measure).orElseThrow(), Double.parseDouble(value), unit, Status.fromCode(status).orElseThrow(),
        vintage, document);
  }
}
