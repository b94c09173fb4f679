package io.provstat.analytics;

/** How a figure in an output table was obtained. */
public final class Basis {
  /** Published as such. */
  public static final String REPORTED = "reported";
  /** Computed from published levels. */
  public static final String COMPUTED = "computed";
  /** A previous level derived from a level and its reported growth. */
  public static final String DERIVED_FROM_GROWTH = "derived_from_growth";
  /** A plan derived from a level and its reported plan attainment. */
  public static final String DERIVED_FROM_ATTAINMENT = "derived_from_attainment";

  private Basis() {}
}
