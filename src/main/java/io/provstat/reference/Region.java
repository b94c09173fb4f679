package io.provstat.reference;

import java.io.Serializable;
import java.util.List;

/** A GSO socio-economic region, or the nation ({@code VN}). */
public record Region(String code, String nameVi, String nameEn, String gsoLabelEn, int gsoOrder,
    List<String> aliases) implements Serializable {

  public static final String NATION = "VN";

  public boolean isNation() {
    return NATION.equals(code);
  }
}
