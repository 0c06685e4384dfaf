package dev.shipshape.backup.internal;

import dev.shipshape.backup.Velero;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.GoDuration;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import java.time.Duration;
import java.util.List;

/** Checks that objects a Velero object names exist in the spec, or are declared pre-existing. */
final class References {
  private References() {}

  /** A Velero object of {@code kind} named {@code name} must be in the spec or pre-existing. */
  public static void requireVelero(SpecContext context, ResourceRef from, String field, String kind,
      String namespace, String name, String builderHint, List<Problem> problems) {
    ResourceRef target = Velero.ref(kind, namespace, name);
    if (context.find(target).isPresent() || context.isPreExisting(target)) return;
    problems.add(Problem.error(from, field, "names " + kind + " '" + name + "', which is neither in the spec nor"
        + " declared pre-existing in namespace " + namespace,
        "add " + builderHint + ".builder().name(\"" + name + "\")… to the spec, or declare it with"
            + " preExistingResource(Velero.ref(\"" + kind + "\", \"" + namespace + "\", \"" + name + "\"))"));
  }

  /** A Secret named {@code name} must be in the spec or pre-existing. */
  public static void requireSecret(SpecContext context, ResourceRef from, String field, String namespace,
      String name, List<Problem> problems) {
    requireCore(context, from, field, "Secret", namespace, name,
        "add it, for example with BackupCredentials.builder().name(\"" + name + "\")…", "", problems);
  }

  /** A ConfigMap named {@code name} must be in the spec or pre-existing; {@code consequence} ends the message. */
  public static void requireConfigMap(SpecContext context, ResourceRef from, String field, String namespace,
      String name, String consequence, List<Problem> problems) {
    requireCore(context, from, field, "ConfigMap", namespace, name, "add ConfigMap " + namespace + "/" + name
        + " to the spec", consequence, problems);
  }

  private static void requireCore(SpecContext context, ResourceRef from, String field, String kind,
      String namespace, String name, String addHint, String consequence, List<Problem> problems) {
    ResourceRef target = ResourceRef.core(kind, namespace, name);
    if (context.find(target).isPresent() || context.isPreExisting(target)) return;
    problems.add(Problem.error(from, field, "names " + kind + " '" + name + "', which is neither in the spec nor"
        + " declared pre-existing in namespace " + namespace + consequence, addHint + ", or declare it with"
        + " preExistingResource(ResourceRef.core(\"" + kind + "\", \"" + namespace + "\", \"" + name + "\"))"));
  }

  /** Each namespace named literally must exist in the spec or be pre-existing; reported at its index. */
  public static void requireNamespaces(SpecContext context, ResourceRef from, String field,
      List<String> namespaces, List<Problem> problems) {
    for (int i = 0; i < namespaces.size(); i++) {
      String ns = namespaces.get(i);
      if (ns.equals("*") || !NamespaceSelection.isLiteral(ns) || context.namespaceExists(ns)) continue;
      problems.add(Problem.error(from, field + "[" + i + "]", "names namespace '" + ns + "', which is neither"
          + " created by the spec nor declared pre-existing", "add Namespace " + ns + " to the spec, or declare it with"
          + " " + ClusterSpec.preExistingNamespaceFix(ns)));
    }
  }

  /** A Go duration field must parse. */
  public static void requireDuration(ResourceRef from, String field, String value, String example,
      List<Problem> problems) {
    GoDuration.Parsed parsed = GoDuration.parse(value);
    parsed.error().ifPresent(e -> problems.add(Problem.error(from, field,
        "'" + value + "' is not a Go duration: it " + e,
        "write a Go duration such as '" + example + "' (units h, m, s, ms, us, ns)")));
    parsed.duration().filter(Duration::isNegative).ifPresent(d -> problems.add(Problem.error(from, field,
        "'" + value + "' is negative", "write a positive duration such as '" + example + "', or 0s for Velero's "
            + "default")));
  }
}
