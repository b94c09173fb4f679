package io.provstat.synthetic;

/**
 * One generated figure, with its value as the decimal text written to CSV: the warehouse format
 * parses the same text, so both formats carry bit-identical doubles.
 *
 * @param revision whether this is a superseded first estimate (CSV only; ingest's deduplication
 *     keeps the later vintage, so the warehouse format leaves it out)
 */
public record Observation(String provinceCode, String provinceName, String regionCode, int year,
    String period, String indicator, String measure, String value, String unit, String status,
    String vintage, boolean revision) {}
