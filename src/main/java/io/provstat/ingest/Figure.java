package io.provstat.ingest;

import io.provstat.reference.Measure;
import io.provstat.reference.Status;
import java.util.Objects;

/**
 * One published number, the one representation of a figure from the moment a parser (or the
 * synthetic panel) reads it to the staged record it becomes ({@link StagedRecords}): for a province
 * (an observation) or, with {@code provinceCode} null, for a region or the nation named by
 * {@code scope} (a reported aggregate). Measure and status are the reference enums; their codes are
 * what the tables store.
 *
 * @param scope for a province's reported rank, the region or VN it ranks within; for an aggregate, its place
 * @param period {@code Y}, {@code Mmm}, {@code YTDmm}, {@code Qn} (see {@link io.provstat.reference.Period})
 * @param vintage when it was published (YYYY[-MM[-DD]]), or null
 * @param document the publication it was keyed from, or null
 */
public record Figure(String provinceCode, String provinceName, String regionCode, String scope,
    String scopeName, int year, String period, String indicator, Measure measure, double value,
    String unit, Status status, String vintage, String document) {

  public Figure {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(indicator, "indicator");
    Objects.requireNonNull(measure, "measure");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(status, "status");
  }
}
