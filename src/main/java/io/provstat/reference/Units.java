package io.provstat.reference;

import java.util.Set;

/** The canonical units of the observation model. */
public final class Units {
  public static final String BN_VND = "bn_vnd";
  public static final String MN_USD = "mn_usd";
  public static final String PCT = "pct";
  public static final String INDEX = "index";
  public static final String MN_KWH = "mn_kwh";
  public static final String MN_LITRES = "mn_litres";
  public static final String THOUSAND_PERSONS = "thousand_persons";
  public static final String RANK = "rank";
  public static final String MN_VND_PER_PERSON = "mn_vnd_per_person";

  public static final Set<String> ALL =
      Set.of(BN_VND, MN_USD, PCT, INDEX, MN_KWH, MN_LITRES, THOUSAND_PERSONS, RANK, MN_VND_PER_PERSON);

  private Units() {}
}
