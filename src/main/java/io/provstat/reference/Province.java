package io.provstat.reference;

import java.io.Serializable;
import java.util.List;

/**
 * A province or centrally-run city of the 2008-2025 map (plus Hà Tây, which ceased in 2008).
 *
 * @param validTo last year the unit existed, or null if it lasted until the July-2025 merger
 * @param mergedInto for a former province, the province that absorbed it
 * @param unit2025Code the provincial unit it belongs to from 1 July 2025
 */
public record Province(String gsoCode, String nameVi, String nameAscii, String type, String regionCode,
    Integer gsoOrder, Integer validTo, String mergedInto, String unit2025Code, List<String> aliases)
    implements Serializable {

  public boolean isFormer() {
    return validTo != null;
  }

  public boolean existedIn(int year) {
    return validTo == null || year <= validTo;
  }
}
