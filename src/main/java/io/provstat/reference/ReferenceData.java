package io.provstat.reference;

import io.provstat.text.NameKey;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference data shipped as CSV resources: regions, provinces (with aliases and the 2025 units)
 * and the indicator catalogue. Loaded once per JVM (driver or executor) and checked for consistency
 * on load, so a defect in a resource file fails the first job that uses it, naming the file and line.
 */
public final class ReferenceData implements Serializable {

  public static final String REGIONS_RESOURCE = "/io/provstat/reference/regions.csv";
  public static final String PROVINCES_RESOURCE = "/io/provstat/reference/provinces.csv";
  public static final String UNITS_2025_RESOURCE = "/io/provstat/reference/units_2025.csv";
  public static final String INDICATORS_RESOURCE = "/io/provstat/reference/indicators.csv";
  /** The canonical units with the largest magnitude a figure in each can have (see the file's notes). */
  public static final String UNITS_RESOURCE = "/io/provstat/reference/units.csv";
  /** The per-capita indicators derived from a level and the average population. */
  public static final String PER_CAPITA_RESOURCE = "/io/provstat/reference/per_capita.csv";
  /** A catalogue code ending in this names a family of indicators, not one indicator. */
  public static final String FAMILY_WILDCARD = "*";
  /** How many digits follow a family's prefix in a member code. */
  public static final int FAMILY_MEMBER_DIGITS = 4;

  private static volatile ReferenceData instance;

  private final Map<String, Region> regionsByCode = new LinkedHashMap<>();
  private final Map<String, Province> provincesByCode = new LinkedHashMap<>();
  private final Map<String, Unit2025> units2025ByCode = new LinkedHashMap<>();
  private final Map<String, Indicator> indicatorsByCode = new LinkedHashMap<>();
  private final Map<String, Double> maxAbsByUnit = new LinkedHashMap<>();
  private final List<PerCapitaRule> perCapita = new java.util.ArrayList<>();
  /** Families by member prefix ("export_hs_" for export_hs_*), in catalogue order. */
  private final Map<String, Indicator> familiesByPrefix = new LinkedHashMap<>();
  /** Folded name -> region or province; one map so that no name can mean two places. */
  private final Map<String, Object> placesByKey = new LinkedHashMap<>();

  private ReferenceData() {
    loadRegions();
    loadProvinces();
    checkMergers();
    loadUnits2025();
    loadUnits();
    loadIndicators();
    loadPerCapita();
  }

  /** The per-capita indicators and their numerators, in file order. */
  public List<PerCapitaRule> perCapita() {
    return List.copyOf(perCapita);
  }

  private void loadPerCapita() {
    for (ResourceTable.Row row : ResourceTable.load(PER_CAPITA_RESOURCE)) {
      Indicator derived = indicatorsByCode.get(row.required("code"));
      Indicator numerator = indicatorsByCode.get(row.required("numerator"));
      if (derived == null || numerator == null) {
        throw row.error("code and numerator must be catalogue indicators, not '" + row.get("code") + "' and '"
            + row.get("numerator") + "'");
      }
      if (!numerator.additive() || derived.additive()) {
        throw row.error("the numerator " + numerator.code() + " must be additive and the per-capita "
            + derived.code() + " not");
      }
      double factor;
      try {
        factor = Double.parseDouble(row.required("factor"));
      } catch (NumberFormatException e) {
        throw row.error("factor '" + row.get("factor") + "' is not a number");
      }
      if (!(factor > 0) || Double.isInfinite(factor)) {
        throw row.error("factor must be positive and finite, not " + factor);
      }
      perCapita.add(new PerCapitaRule(derived.code(), numerator.code(), factor));
    }
    if (!indicatorsByCode.containsKey(PerCapitaRule.POPULATION)) {
      throw new IllegalStateException(INDICATORS_RESOURCE + ": no indicator " + PerCapitaRule.POPULATION);
    }
  }

  /** The shared instance, loaded from the classpath on first use. */
  public static ReferenceData get() {
    ReferenceData local = instance;
    if (local == null) {
      synchronized (ReferenceData.class) {
        local = instance;
        if (local == null) {
          local = new ReferenceData();
          instance = local;
        }
      }
    }
    return local;
  }

  public List<Region> regions() {
    return List.copyOf(regionsByCode.values());
  }

  /** Every province in the file, the 63 of 2008-2025 and the former ones (Hà Tây). */
  public List<Province> provinces() {
    return List.copyOf(provincesByCode.values());
  }

  /** The 63 provinces in force from 2008 until the July-2025 merger. */
  public List<Province> currentProvinces() {
    return provincesByCode.values().stream().filter(p -> !p.isFormer()).toList();
  }

  public List<Unit2025> units2025() {
    return List.copyOf(units2025ByCode.values());
  }

  /** The concrete catalogue: every indicator with a code of its own, families excluded. */
  public List<Indicator> indicators() {
    return List.copyOf(indicatorsByCode.values());
  }

  /**
   * The indicator families: catalogue rows whose code ends in {@value #FAMILY_WILDCARD}, whose
   * members are the prefix followed by {@value #FAMILY_MEMBER_DIGITS} digits (export_hs_0306).
   */
  public List<Indicator> indicatorFamilies() {
    return List.copyOf(familiesByPrefix.values());
  }

  /** The largest magnitude a figure in this canonical unit can have; ingest quarantines larger ones. */
  public double maxAbs(String unit) {
    Double bound = maxAbsByUnit.get(unit);
    if (bound == null) {
      throw new IllegalArgumentException("unknown unit '" + unit + "'");
    }
    return bound;
  }

  public Optional<Region> region(String code) {
    return Optional.ofNullable(regionsByCode.get(code));
  }

  /**
   * A concrete indicator, or a member of a family: the family's attributes under the member's code.
   * Members are resolved, not stored, so a family may have up to 10,000 of them at no cost.
   */
  public Optional<Indicator> indicator(String code) {
    Indicator concrete = indicatorsByCode.get(code);
    if (concrete != null || code == null) {
      return Optional.ofNullable(concrete);
    }
    return family(code).map(f -> new Indicator(code, f.nameVi(), f.nameEn(), f.unit(), f.additive(),
        f.parent(), f.componentSet(), f.priceBasis()));
  }

  /** The family a member code belongs to (export_hs_* for export_hs_0306), if any. */
  public Optional<Indicator> family(String memberCode) {
    if (memberCode == null || memberCode.length() <= FAMILY_MEMBER_DIGITS) {
      return Optional.empty();
    }
    int split = memberCode.length() - FAMILY_MEMBER_DIGITS;
    for (int i = split; i < memberCode.length(); i++) {
      char c = memberCode.charAt(i);
      if (c < '0' || c > '9') {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(familiesByPrefix.get(memberCode.substring(0, split)));
  }

  /** The member code of a family for a 4-digit heading: ("export_hs_*", 306) is export_hs_0306. */
  public static String familyMember(Indicator family, int heading) {
    if (heading < 0 || heading > 9999) {
      throw new IllegalArgumentException("a family member takes 4 digits, not " + heading);
    }
    String code = family.code();
    return code.substring(0, code.length() - 1) + String.format(java.util.Locale.ROOT, "%04d", heading);
  }

  public Optional<Unit2025> unit2025(String code) {
    return Optional.ofNullable(units2025ByCode.get(code));
  }

  /** A province by its GSO code; "1" and "01" are the same code. */
  public Optional<Province> provinceByCode(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String c = code.strip();
    if (c.length() == 1 && Character.isDigit(c.charAt(0))) {
      c = "0" + c;
    }
    return Optional.ofNullable(provincesByCode.get(c));
  }

  /** A province by any of its names or aliases, ignoring case, diacritics, spacing and prefixes. */
  public Optional<Province> provinceByName(String name) {
    Object place = placesByKey.get(NameKey.of(name));
    return place instanceof Province p ? Optional.of(p) : Optional.empty();
  }

  /** A region (or the nation) by any of its names, labels or aliases. */
  public Optional<Region> regionByName(String name) {
    Object place = placesByKey.get(NameKey.of(name));
    return place instanceof Region r ? Optional.of(r) : Optional.empty();
  }

  private void loadRegions() {
    for (ResourceTable.Row row : ResourceTable.load(REGIONS_RESOURCE)) {
      Region region = new Region(row.required("code"), row.required("name_vi"), row.required("name_en"),
          row.required("gso_label_en"), Integer.parseInt(row.required("gso_order")), row.list("aliases"));
      if (regionsByCode.put(region.code(), region) != null) {
        throw row.error("duplicate region code " + region.code());
      }
      List<String> names = new ArrayList<>(List.of(region.code(), region.nameVi(), region.nameEn(),
          region.gsoLabelEn()));
      names.addAll(region.aliases());
      names.forEach(name -> addPlaceName(name, region, row));
    }
  }

  private void loadProvinces() {
    for (ResourceTable.Row row : ResourceTable.load(PROVINCES_RESOURCE)) {
      String code = row.required("gso_code");
      if (!code.matches("\\d{2}")) {
        throw row.error("GSO code '" + code + "' is not two digits");
      }
      String regionCode = row.required("region_code");
      if (!regionsByCode.containsKey(regionCode) || Region.NATION.equals(regionCode)) {
        throw row.error("unknown region '" + regionCode + "'");
      }
      String order = row.get("gso_order");
      String validTo = row.get("valid_to");
      Province province = new Province(code, row.required("name_vi"), row.required("name_ascii"),
          row.required("type"), regionCode, order.isEmpty() ? null : Integer.parseInt(order),
          validTo.isEmpty() ? null : Integer.parseInt(validTo),
          row.get("merged_into").isEmpty() ? null : row.get("merged_into"), row.required("unit_2025_code"),
          row.list("aliases"));
      if (provincesByCode.put(code, province) != null) {
        throw row.error("duplicate GSO code " + code);
      }
      List<String> names = new ArrayList<>(List.of(province.nameVi(), province.nameAscii()));
      names.addAll(province.aliases());
      names.forEach(name -> addPlaceName(name, province, row));
    }
  }

  private void checkMergers() {
    for (Province p : provincesByCode.values()) {
      if (p.isFormer() && (p.mergedInto() == null || !provincesByCode.containsKey(p.mergedInto()))) {
        throw new IllegalStateException(PROVINCES_RESOURCE + ": former province " + p.gsoCode()
            + " needs merged_into naming an existing province, not '" + p.mergedInto() + "'");
      }
    }
  }

  private void loadUnits2025() {
    Map<String, List<String>> members = new LinkedHashMap<>();
    for (Province p : provincesByCode.values()) {
      if (!p.isFormer()) {
        members.computeIfAbsent(p.unit2025Code(), k -> new ArrayList<>()).add(p.gsoCode());
      }
    }
    for (ResourceTable.Row row : ResourceTable.load(UNITS_2025_RESOURCE)) {
      String code = row.required("code");
      List<String> former = members.remove(code);
      if (former == null) {
        throw row.error("2025 unit " + code + " takes no province in " + PROVINCES_RESOURCE);
      }
      String region = row.required("region_code");
      if (!regionsByCode.containsKey(region) || Region.NATION.equals(region)) {
        throw row.error("unknown region '" + region + "'");
      }
      Unit2025 unit = new Unit2025(code, row.required("name_vi"), row.required("name_ascii"),
          row.required("type"), region, Collections.unmodifiableList(former));
      if (units2025ByCode.put(code, unit) != null) {
        throw row.error("duplicate 2025 unit code " + code);
      }
    }
    if (!members.isEmpty()) {
      throw new IllegalStateException(PROVINCES_RESOURCE + ": provinces name 2025 units that "
          + UNITS_2025_RESOURCE + " lacks: " + members);
    }
  }

  private void loadUnits() {
    for (ResourceTable.Row row : ResourceTable.load(UNITS_RESOURCE)) {
      String code = row.required("code");
      if (!Units.ALL.contains(code)) {
        throw row.error("unknown unit '" + code + "'");
      }
      double bound;
      try {
        bound = Double.parseDouble(row.required("max_abs"));
      } catch (NumberFormatException e) {
        throw row.error("max_abs '" + row.get("max_abs") + "' is not a number");
      }
      if (!(bound > 0) || Double.isInfinite(bound)) {
        throw row.error("max_abs must be positive and finite, not " + bound);
      }
      if (maxAbsByUnit.put(code, bound) != null) {
        throw row.error("duplicate unit " + code);
      }
    }
    if (!maxAbsByUnit.keySet().containsAll(Units.ALL)) {
      throw new IllegalStateException(UNITS_RESOURCE + ": no max_abs for "
          + new java.util.TreeSet<>(Units.ALL).stream().filter(u -> !maxAbsByUnit.containsKey(u)).toList());
    }
  }

  private void loadIndicators() {
    List<ResourceTable.Row> rows = ResourceTable.load(INDICATORS_RESOURCE);
    for (ResourceTable.Row row : rows) {
      String parent = row.get("parent");
      String set = row.get("component_set");
      if (parent.isEmpty() != set.isEmpty()) {
        throw row.error("parent and component_set go together");
      }
      String unit = row.required("unit");
      if (!Units.ALL.contains(unit)) {
        throw row.error("unknown unit '" + unit + "'");
      }
      String additive = row.required("additive");
      if (!additive.equals("true") && !additive.equals("false")) {
        throw row.error("additive must be true or false, not '" + additive + "'");
      }
      Indicator indicator = new Indicator(row.required("code"), row.required("name_vi"),
          row.required("name_en"), unit, Boolean.parseBoolean(additive), parent.isEmpty() ? null : parent,
          set.isEmpty() ? null : set, row.required("price_basis"));
      String code = indicator.code();
      if (code.endsWith(FAMILY_WILDCARD)) {
        String prefix = code.substring(0, code.length() - 1);
        if (prefix.isEmpty() || prefix.contains(FAMILY_WILDCARD)) {
          throw row.error("a family code is a prefix followed by one '*', not '" + code + "'");
        }
        if (familiesByPrefix.put(prefix, indicator) != null) {
          throw row.error("duplicate indicator family " + code);
        }
      } else if (indicatorsByCode.put(code, indicator) != null) {
        throw row.error("duplicate indicator " + code);
      }
    }
    for (String code : indicatorsByCode.keySet()) {
      if (family(code).isPresent()) {
        throw new IllegalStateException(INDICATORS_RESOURCE + ": indicator " + code
            + " would also be a member of family " + family(code).get().code());
      }
    }
    for (ResourceTable.Row row : rows) {
      String parent = row.get("parent");
      if (!parent.isEmpty()) {
        Indicator p = indicatorsByCode.get(parent);
        String code = row.required("code");
        Indicator child = code.endsWith(FAMILY_WILDCARD)
            ? familiesByPrefix.get(code.substring(0, code.length() - 1)) : indicatorsByCode.get(code);
        if (p == null) {
          throw row.error("unknown parent '" + parent + "'");
        }
        if (!p.unit().equals(child.unit())) {
          throw row.error("a component's unit must be its parent's (" + p.unit() + ")");
        }
      }
    }
  }

  private void addPlaceName(String name, Object place, ResourceTable.Row row) {
    String key = NameKey.of(name);
    if (key.isEmpty()) {
      throw row.error("name '" + name + "' folds to nothing");
    }
    Object previous = placesByKey.putIfAbsent(key, place);
    if (previous != null && previous != place) {
      throw row.error("name '" + name + "' also names " + previous);
    }
  }
}
