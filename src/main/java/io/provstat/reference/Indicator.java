package io.provstat.reference;

import java.io.Serializable;

/**
 * An entry of the indicator catalogue.
 *
 * @param unit canonical unit of levels (measures {@code value} and {@code plan})
 * @param additive whether levels sum across provinces and components
 * @param parent the indicator this one is a component of, or null
 * @param componentSet the set of components (of the parent) this one belongs to, or null
 */
public record Indicator(String code, String nameVi, String nameEn, String unit, boolean additive,
    String parent, String componentSet, String priceBasis) implements Serializable {

  public boolean isComponent() {
    return parent != null;
  }

  /** Whether this is a catalogue family (export_hs_*) rather than one indicator; see ReferenceData. */
  public boolean isFamily() {
    return code.endsWith(ReferenceData.FAMILY_WILDCARD);
  }
}
