package io.provstat.reference;

import java.util.Locale;
import java.util.Optional;

/** What a published number measures about an indicator, and the unit that measure is stated in. */
public enum Measure {
  VALUE(null),
  PLAN(null),
  YOY_GROWTH_PCT(Units.PCT),
  PLAN_ATTAINMENT_PCT(Units.PCT),
  PLAN_GROWTH_PCT(Units.PCT),
  INDEX_PREV_YEAR(Units.INDEX),
  REPORTED_RANK(Units.RANK);

  private final String fixedUnit;

  Measure(String fixedUnit) {
    this.fixedUnit = fixedUnit;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The unit a number of this measure must carry: the indicator's own unit for levels. */
  public String unitFor(Indicator indicator) {
    return fixedUnit != null ? fixedUnit : indicator.unit();
  }

  public static Optional<Measure> fromCode(String code) {
    for (Measure m : values()) {
      if (m.code().equals(code)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
