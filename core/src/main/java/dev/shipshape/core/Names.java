package dev.shipshape.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kubernetes name and label syntax, as the API server validates it (see "Object Names and IDs" and "Labels and
 * Selectors" in the Kubernetes documentation). Each check returns what is wrong, or an empty list when the value is
 * valid.
 */
public final class Names {
  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern PORT_NAME_CHARACTERS = Pattern.compile("[-a-z0-9]+");
  private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");

  private Names() {}

  /** A DNS-1123 label: at most 63 lower-case alphanumerics or '-', starting and ending alphanumeric. */
  public static List<String> checkDns1123Label(String value) {
    List<String> problems = new ArrayList<>();
    if (value == null || value.isEmpty()) {
      problems.add("is empty");
    } else {
      if (value.length() > 63) problems.add("is " + value.length() + " characters long, more than 63");
      if (!DNS1123_LABEL.matcher(value).matches()) {
        problems.add("is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a"
            + " letter or digit)");
      }
    }
    return problems;
  }

  /**
   * An RFC 1035 label, as Service names must be: a DNS-1123 label that starts with a letter ("RFC 1035 Label
   * Names" in the Kubernetes documentation).
   */
  public static List<String> checkDns1035Label(String value) {
    List<String> problems = new ArrayList<>();
    if (value == null || value.isEmpty()) {
      problems.add("is empty");
    } else {
      if (value.length() > 63) problems.add("is " + value.length() + " characters long, more than 63");
      if (!DNS1035_LABEL.matcher(value).matches()) {
        problems.add("is not an RFC 1035 label (lower-case letters, digits and '-', starting with a letter and"
            + " ending with a letter or digit)");
      }
    }
    return problems;
  }

  /** A DNS-1123 subdomain: at most 253 characters, dot-separated DNS-1123 labels. */
  public static List<String> checkDns1123Subdomain(String value) {
    List<String> problems = new ArrayList<>();
    if (value == null || value.isEmpty()) {
      problems.add("is empty");
    } else {
      if (value.length() > 253) problems.add("is " + value.length() + " characters long, more than 253");
      if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
        problems.add("is not a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', starting and ending"
            + " with a letter or digit)");
      }
    }
    return problems;
  }

  /**
   * A port name, an IANA service name as the API server's {@code IsValidPortName} checks it: at most 15 lower-case
   * letters, digits and '-', with at least one letter, no '-' at either end and never two in a row (such as
   * {@code http} or {@code grpc-web}). Container ports, probes, a Service's {@code targetPort} and a NetworkPolicy's
   * named ports use this rule; a Service's own port names are DNS-1123 labels instead. Each problem is reported,
   * in that order.
   */
  public static List<String> checkPortName(String value) {
    List<String> problems = new ArrayList<>();
    if (value == null || value.isEmpty()) {
      problems.add("is empty");
      return problems;
    }
    if (value.length() > 15) problems.add("is " + value.length() + " characters long, more than 15");
    if (!PORT_NAME_CHARACTERS.matcher(value).matches()) {
      problems.add("may hold only lower-case letters, digits and '-'");
    }
    if (!HAS_LETTER.matcher(value).matches()) problems.add("has no letter");
    if (value.startsWith("-") || value.endsWith("-")) problems.add("begins or ends with '-'");
    if (value.contains("--")) problems.add("has '-' twice in a row");
    return problems;
  }

  /** A path segment name, as RBAC objects use: anything but empty, '.', '..', or containing '/' or '%'. */
  public static List<String> checkPathSegmentName(String value) {
    List<String> problems = new ArrayList<>();
    if (value == null || value.isEmpty()) {
      problems.add("is empty");
    } else if (value.equals(".") || value.equals("..")) {
      problems.add("may not be '" + value + "'");
    } else if (value.contains("/") || value.contains("%")) {
      problems.add("may not contain '/' or '%'");
    }
    return problems;
  }

  /** A label or annotation key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63. */
  public static List<String> checkLabelKey(String key) {
    List<String> problems = new ArrayList<>();
    if (key == null || key.isEmpty()) {
      problems.add("key is empty");
      return problems;
    }
    String name = key;
    int slash = key.indexOf('/');
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      for (String p : checkDns1123Subdomain(prefix)) problems.add("key prefix '" + prefix + "' " + p);
    }
    if (name.isEmpty()) {
      problems.add("key name is empty");
    } else {
      if (name.length() > 63) problems.add("key name is " + name.length() + " characters long, more than 63");
      if (!QUALIFIED_NAME.matcher(name).matches()) {
        problems.add("key name '" + name + "' must consist of alphanumerics, '-', '_' or '.', starting and ending"
            + " with an alphanumeric");
      }
    }
    return problems;
  }

  /** A label value: empty, or at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric. */
  public static List<String> checkLabelValue(String value) {
    List<String> problems = new ArrayList<>();
    if (value == null || value.isEmpty()) return problems;
    if (value.length() > 63) problems.add("value is " + value.length() + " characters long, more than 63");
    if (!QUALIFIED_NAME.matcher(value).matches()) {
      problems.add("value '" + value + "' must consist of alphanumerics, '-', '_' or '.', starting and ending"
          + " with an alphanumeric");
    }
    return problems;
  }

  /**
   * The Levenshtein distance between two names (insertions, deletions and substitutions, one each), for "did you
   * mean" suggestions.
   */
  public static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) previous[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
