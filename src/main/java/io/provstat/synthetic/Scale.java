package io.provstat.synthetic;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * The size of a generated panel: which years, whether months are generated besides the full year,
 * and how many HS-like export components each province has. The levels 5..8 give about 10^5..10^8
 * observation rows (the exact count is {@link SyntheticPanel#rowCount()}); level 0 is the small
 * annual panel committed under sample-data/synthetic; 3 and 4 are small sizes for tests.
 *
 * @param level the --scale value it came from
 * @param hsComponents export_hs_* members per province (0: export_value is generated directly)
 */
public record Scale(int level, int fromYear, int toYear, boolean monthly, int hsComponents)
    implements Serializable {

  /** Years the 63 provinces of 2008-2025 published under (Hà Tây merged in 2008). */
  public static final int MIN_YEAR = 2008;
  public static final int MAX_YEAR = 2030;
  /** HS-like headings available: chapters 01..97 times headings 01..99. */
  public static final int MAX_HS_COMPONENTS = 97 * 99;

  public static final List<Integer> LEVELS = List.of(0, 3, 4, 5, 6, 7, 8);

  public Scale {
    if (fromYear < MIN_YEAR || toYear > MAX_YEAR || fromYear > toYear) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "years %d-%d: need %d <= FROM <= TO <= %d", fromYear, toYear, MIN_YEAR, MAX_YEAR));
    }
    if (hsComponents < 0 || hsComponents > MAX_HS_COMPONENTS) {
      throw new IllegalArgumentException("HS components " + hsComponents + " outside 0.." + MAX_HS_COMPONENTS);
    }
  }

  /**
   * The size of a --scale level. HS component counts are chosen so that the row count lands near
   * 10^level with the catalogue as it is (scale 7's 1,220 is also about the number of real HS-4
   * headings).
   */
  public static Scale of(int level) {
    return switch (level) {
      case 0 -> new Scale(0, 2015, 2024, false, 0);
      case 3 -> new Scale(3, 2024, 2024, false, 3);
      case 4 -> new Scale(4, 2024, 2024, true, 4);
      case 5 -> new Scale(5, 2022, 2024, true, 20);
      case 6 -> new Scale(6, 2020, 2024, true, 227);
      case 7 -> new Scale(7, 2015, 2024, true, 1220);
      case 8 -> new Scale(8, 2010, 2024, true, 8250);
      default -> throw new IllegalArgumentException("unknown scale " + level + " (known: "
          + LEVELS.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("") + ")");
    };
  }

  /** The same size over other years. */
  public Scale withYears(int from, int to) {
    return new Scale(level, from, to, monthly, hsComponents);
  }

  public int years() {
    return toYear - fromYear + 1;
  }

  /** Periods per indicator and year: M01..M12 and Y, or Y alone. */
  public int periods() {
    return monthly ? 13 : 1;
  }

  public String describe() {
    return String.format(Locale.ROOT, "scale %d: %d-%d (%d year%s), %s, %d HS component%s per province",
        level, fromYear, toYear, years(), years() == 1 ? "" : "s", monthly ? "months and full year" : "full year only",
        hsComponents, hsComponents == 1 ? "" : "s");
  }
}
