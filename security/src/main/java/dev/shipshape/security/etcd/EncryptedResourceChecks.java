package dev.shipshape.security.etcd;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ProblemSeverity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checks of the resource names of an {@link EncryptionConfiguration}, as the API server makes them when it
 * reads the file (it refuses to start otherwise): lower-case names, wildcards only as {@code *.*}, {@code *.GROUP}
 * or {@code *.} (the core group), no resource listed twice or overlapped by a wildcard in one list, and no entry
 * masked by a wildcard of an earlier entry ("Encrypting Confidential Data at Rest" in the Kubernetes documentation:
 * overlapping wildcards are not allowed within a list or across entries, as part of the configuration would be
 * ineffective).
 */
final class EncryptedResourceChecks {
  /** Objects the API server keeps in etcd but serves no API for, so it cannot encrypt them. */
  private static final Set<String> WITHOUT_API = Set.of("serviceipallocations", "servicenodeportallocations",
      "apiserveripinfo");
  /** A removed group, whose objects etcd keeps under their current groups. */
  private static final String EXTENSIONS_GROUP = "extensions";
  private static final String EVENTS_GROUP = "events.k8s.io";

  private EncryptedResourceChecks() {}

  static void check(List<ResourceEncryption> entries, List<Problem> problems) {
    List<List<Name>> earlier = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      List<Name> names = new ArrayList<>();
      List<String> resources = entries.get(i).resources();
      for (int j = 0; j < resources.size(); j++) {
        names.add(new Name(resources.get(j), "resources[" + i + "].resources[" + j + "]"));
      }
      names.forEach(n -> name(n, problems));
      withinList(names, problems);
      masked(names, earlier, problems);
      earlier.add(names);
    }
  }

  private static void name(Name n, List<Problem> problems) {
    String quoted = "'" + n.text + "'";
    if (!n.text.toLowerCase(Locale.ROOT).equals(n.text)) {
      problems.add(error(n.field, quoted + " has capital letters, which the API server refuses",
          "write it in lower case, as the API shows it: " + n.text.toLowerCase(Locale.ROOT)));
    }
    if (n.text.equals("*")) {
      problems.add(error(n.field, "'*' is not a wildcard the API server accepts",
          "write '*.' for every resource of the core group, or '*.*' for every resource"));
    } else if (n.group.equals("*") && !n.isWildcard()) {
      problems.add(error(n.field, quoted + " names one resource in every group, which the API server does not"
          + " support", "name it once per group, such as '" + n.resource + "' for the core group and '" + n.resource
              + ".example.com' for another, or write '*.*' for every resource"));
    }
    if (n.group.equals(EVENTS_GROUP)) {
      problems.add(error(n.field, quoted + " is in group " + EVENTS_GROUP + ", whose objects etcd stores as the"
          + " core group's events", "write 'events' instead"));
    }
    if (n.group.equals(EXTENSIONS_GROUP)) {
      problems.add(error(n.field, quoted + " is in the removed group extensions, which the API server refuses for"
          + " encryption", "name the resource in its current group, such as deployments.apps or"
          + " ingresses.networking.k8s.io"));
    }
    if (n.group.isEmpty() && WITHOUT_API.contains(n.resource)) {
      problems.add(error(n.field, quoted + " has no API, so the API server cannot encrypt it",
          "remove it; it holds no confidential data"));
    }
  }

  private static void withinList(List<Name> names, List<Problem> problems) {
    Map<String, Name> seen = new HashMap<>();
    for (Name n : names) {
      Name first = seen.putIfAbsent(n.key(), n);
      if (first != null) {
        problems.add(error(n.field, "'" + n.text + "' names the same resource as " + first.field + " ('"
            + first.text + "'), which the API server refuses", "list it once"));
        continue;
      }
      names.stream().filter(w -> w.covers(n)).findFirst()
          .ifPresent(w -> problems.add(error(n.field, "'" + n.text + "' is also covered by '" + w.text + "' ("
              + w.field + "); the API server refuses overlapping names in one list",
              "keep only '" + w.text + "', or move '" + n.text + "' to an entry of its own before this one")));
    }
  }

  private static void masked(List<Name> names, List<List<Name>> earlier, List<Problem> problems) {
    for (Name n : names) {
      earlier.stream().flatMap(List::stream).filter(w -> w.covers(n) || w.isWildcard() && w.key().equals(n.key()))
          .findFirst()
          .ifPresent(w -> problems.add(error(n.field, "'" + n.text + "' is masked by '" + w.text + "' of the"
              + " earlier " + w.field + ", which decides its encryption; the API server refuses this",
              "remove it here, or move this entry before the one of '" + w.text + "'")));
    }
  }

  private static Problem error(String field, String message, String fix) {
    return Problem.builder().severity(ProblemSeverity.ERROR).field(field).message(message).fix(fix).build();
  }

  /** A name as {@code resource.group}: {@code secrets} and {@code secrets.} are the core group's secrets. */
  private static final class Name {
    final String text;
    final String field;
    final String resource;
    final String group;

    Name(String text, String field) {
      this.text = text;
      this.field = field;
      int dot = text.indexOf('.');
      this.resource = dot < 0 ? text : text.substring(0, dot);
      this.group = dot < 0 ? "" : text.substring(dot + 1);
    }

    boolean isWildcard() {
      return resource.equals("*") && !text.equals("*");
    }

    String key() {
      return resource + "." + group;
    }

    /** True when this wildcard stands for {@code other} too (a different name). */
    boolean covers(Name other) {
      if (!isWildcard() || other == this) return false;
      return group.equals("*") ? !other.key().equals(key()) : other.group.equals(group) && !other.isWildcard();
    }
  }
}
