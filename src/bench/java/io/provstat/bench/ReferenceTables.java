package io.provstat.bench;

import io.provstat.reference.Indicator;
import io.provstat.reference.Province;
import io.provstat.reference.ReferenceData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference data provstat joins (provinces and regions, the indicator catalogue, mergers) as
 * small DuckDB tables, read from the jar's own reference resources, so the oracle's SQL joins the
 * same catalogue provstat's analytics do.
 */
final class ReferenceTables {

  private ReferenceTables() {}

  /**
   * Creates provinces, scope_members (scope, valid_to) and its macro scope_size(scope, year), mergers, indicators, per_capita and labels. Indicators are resolved as the catalogue resolves
   * them ({@link ReferenceData#indicator}): its concrete codes and, with {@code families}, the
   * observed members of its families (export_hs_0306 of export_hs_*); without, the concrete codes
   * alone, as analytics that join only those do. Returns the observed codes resolved as members,
   * which {@code indicators.family_member} marks.
   */
  static List<String> create(Connection db, List<String> observedIndicators, boolean families)
      throws SQLException {
    ReferenceData ref = ReferenceData.get();
    try (Statement s = db.createStatement()) {
      s.execute("CREATE OR REPLACE TABLE provinces (province_code VARCHAR NOT NULL, region_code VARCHAR NOT NULL, "
          + "valid_to INTEGER)");
      s.execute("CREATE OR REPLACE TABLE mergers (former_code VARCHAR NOT NULL, successor_code VARCHAR NOT NULL, "
          + "last_year INTEGER NOT NULL)");
      // The names, unit and price basis the analytic tables carry beside their codes: kind is
      // province, region or indicator, so a province code never takes a region's or an indicator's name.
      s.execute("CREATE OR REPLACE TABLE labels (kind VARCHAR NOT NULL, code VARCHAR NOT NULL, name_vi VARCHAR, "
          + "name_en VARCHAR, unit VARCHAR, price_basis VARCHAR)");
      s.execute("CREATE OR REPLACE TABLE indicators (indicator VARCHAR NOT NULL, additive BOOLEAN NOT NULL, "
          + "parent VARCHAR, component_set VARCHAR, family_member BOOLEAN NOT NULL)");
      // Per-capita indicators: code = numerator / population * factor, in unit (per_capita.csv).
      s.execute("CREATE OR REPLACE TABLE per_capita (code VARCHAR NOT NULL, numerator VARCHAR NOT NULL, "
          + "factor DOUBLE NOT NULL, unit VARCHAR NOT NULL)");
    }
    try (PreparedStatement c = db.prepareStatement("INSERT INTO per_capita VALUES (?, ?, ?, ?)")) {
      for (io.provstat.reference.PerCapitaRule rule : ref.perCapita()) {
        c.setString(1, rule.code());
        c.setString(2, rule.numerator());
        c.setDouble(3, rule.factor());
        c.setString(4, ref.indicator(rule.code()).orElseThrow().unit());
        c.addBatch();
      }
      c.executeBatch();
    }
    try (PreparedStatement p = db.prepareStatement("INSERT INTO provinces VALUES (?, ?, ?)");
        PreparedStatement m = db.prepareStatement("INSERT INTO mergers VALUES (?, ?, ?)")) {
      for (Province province : ref.provinces()) {
        p.setString(1, province.gsoCode());
        p.setString(2, province.regionCode());
        setInt(p, 3, province.validTo());
        p.addBatch();
        if (province.isFormer()) {
          m.setString(1, province.gsoCode());
          m.setString(2, province.mergedInto());
          m.setInt(3, province.validTo());
          m.addBatch();
        }
      }
      p.executeBatch();
      m.executeBatch();
    }
    try (Statement s = db.createStatement()) {
      // Each scope's provinces, a former one with its last year: what n_in_scope counts.
      s.execute("CREATE OR REPLACE TABLE scope_members AS SELECT region_code AS scope, valid_to FROM provinces "
          + "UNION ALL SELECT 'VN', valid_to FROM provinces");
      // n_in_scope: the provinces a scope held in a year (a former one up to its last year).
      s.execute("CREATE OR REPLACE MACRO scope_size(sc, yr) AS (SELECT count(*) FROM scope_members scope_size_m "
          + "WHERE scope_size_m.scope = sc AND (scope_size_m.valid_to IS NULL OR yr <= scope_size_m.valid_to))");
    }
    Map<String, Indicator> catalogue = new LinkedHashMap<>();
    for (Indicator i : ref.indicators()) {
      catalogue.put(i.code(), i);
    }
    List<String> members = new ArrayList<>();
    for (String code : observedIndicators) {
      if (families && !catalogue.containsKey(code)) {
        Indicator member = ref.indicator(code).orElse(null);
        if (member != null) {
          catalogue.put(code, member);
          members.add(code);
        }
      }
    }
    try (PreparedStatement i = db.prepareStatement("INSERT INTO indicators VALUES (?, ?, ?, ?, ?)")) {
      for (Indicator indicator : catalogue.values()) {
        i.setString(1, indicator.code());
        i.setBoolean(2, indicator.additive());
        i.setString(3, indicator.parent());
        i.setString(4, indicator.componentSet());
        // A family's member is no listed component of its parent (reconciliation's plan_implied_base).
        i.setBoolean(5, members.contains(indicator.code()));
        i.addBatch();
      }
      i.executeBatch();
    }
    try (PreparedStatement l = db.prepareStatement("INSERT INTO labels VALUES (?, ?, ?, ?, ?, ?)")) {
      for (Province province : ref.provinces()) {
        label(l, "province", province.gsoCode(), province.nameVi(), null, null, null);
      }
      for (io.provstat.reference.Region region : ref.regions()) {
        label(l, "region", region.code(), region.nameVi(), null, null, null);
      }
      for (Indicator indicator : catalogue.values()) {
        label(l, "indicator", indicator.code(), indicator.nameVi(), indicator.nameEn(), indicator.unit(),
            indicator.priceBasis());
      }
      l.executeBatch();
    }
    return members;
  }

  private static void label(PreparedStatement l, String kind, String code, String nameVi, String nameEn, String unit,
      String priceBasis) throws SQLException {
    l.setString(1, kind);
    l.setString(2, code);
    l.setString(3, nameVi);
    l.setString(4, nameEn);
    l.setString(5, unit);
    l.setString(6, priceBasis);
    l.addBatch();
  }

  /** Distinct indicator codes of a relation. */
  static List<String> distinctIndicators(Connection db, String relation) throws SQLException {
    List<String> codes = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT DISTINCT indicator FROM " + relation + " WHERE indicator IS NOT NULL "
            + "ORDER BY 1")) {
      while (r.next()) {
        codes.add(r.getString(1));
      }
    }
    return codes;
  }

  private static void setInt(PreparedStatement p, int index, Integer value) throws SQLException {
    if (value == null) {
      p.setNull(index, Types.INTEGER);
    } else {
      p.setInt(index, value);
    }
  }
}
