package io.provstat.reference;

import java.io.Serializable;
import java.util.List;

/** A provincial-level unit in force from 1 July 2025, with the GSO codes of the provinces it took. */
public record Unit2025(String code, String nameVi, String nameAscii, String type, String regionCode,
    List<String> formerProvinceCodes) implements Serializable {}
