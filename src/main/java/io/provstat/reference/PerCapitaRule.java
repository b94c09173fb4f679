package io.provstat.reference;

/**
 * A per-capita indicator and how it is derived: {@code numerator / population * factor}, the
 * average population in thousand persons (per_capita.csv).
 */
public record PerCapitaRule(String code, String numerator, double factor) implements java.io.Serializable {

  /** The denominator of every per-capita indicator. */
  public static final String POPULATION = "population";
}
