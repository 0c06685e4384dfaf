package dev.shipshape.backup.drill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.backup.ExistingResourcePolicy;
import dev.shipshape.backup.Velero;
import dev.shipshape.backup.VeleroRestore;
import dev.shipshape.backup.VeleroSchedule;
import dev.shipshape.backup.internal.NamespaceSelection;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.SpecValidationException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * A restore drill for a schedule: restores the schedule's newest completed backup of some namespaces into scratch
 * namespaces ({@code <namespace>-drill} by default) through Velero's {@code namespaceMapping}, leaving the
 * originals alone, and says how to clean up afterwards. Rehearsing restores regularly is the only way to know
 * that backups can be restored.
 *
 * <pre>{@code
 * RestoreDrill drill = RestoreDrill.forSchedule(daily).build();
 * Plan plan = drill.spec("t1-drill").plan();   // the Restore, on its own spec
 * System.out.println(drill.instructions());     // wait, check, clean up
 * }</pre>
 *
 * <p>The restore keeps objects that already exist ({@code existingResourcePolicy: none}) and restores volumes
 * ({@code restorePVs: true}). Velero labels what it creates with {@code velero.io/restore-name}, which the
 * cleanup uses for cluster-scoped leftovers such as persistent volumes, narrowed to those claimed in the scratch
 * namespaces.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class RestoreDrill {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The schedule whose newest completed backup is restored. */
  public abstract VeleroSchedule schedule();

  /**
   * The namespaces to restore. By default, the namespaces the schedule names; required when the schedule covers
   * every namespace or uses patterns.
   */
  public abstract List<String> namespaces();

  /** Appended to each namespace's name to make its scratch namespace. By default, {@code -drill}. */
  @Value.Default
  public String suffix() {
    return "-drill";
  }

  /** The Restore's name. By default, {@code <schedule>-drill}. */
  @Value.Default
  public String restoreName() {
    return schedule().name() + "-drill";
  }

  public static Builder builder() {
    return ImmutableRestoreDrill.builder();
  }

  /** A drill of {@code schedule}; the result is a builder for more options. */
  public static Builder forSchedule(VeleroSchedule schedule) {
    return builder().schedule(schedule);
  }

  /** The namespaces restored: {@link #namespaces()}, or the schedule's own. */
  public List<String> sourceNamespaces() {
    return namespaces().isEmpty() ? schedule().includedNamespaces() : namespaces();
  }

  /** Original namespace to scratch namespace, in order. */
  public Map<String, String> namespaceMapping() {
    Map<String, String> mapping = new LinkedHashMap<>();
    for (String ns : sourceNamespaces()) mapping.put(ns, ns + suffix());
    return mapping;
  }

  /** The Restore that runs the drill. */
  public VeleroRestore restore() {
    return restore(VeleroRestore.fromSchedule(restoreName(), schedule().name()), schedule().veleroNamespace());
  }

  /**
   * The Restore that runs the drill from one backup of the schedule, created in {@code veleroNamespace}: the
   * namespace of the Velero that restores, which may run in another cluster than the schedule's.
   */
  public VeleroRestore restoreOf(String backup, String veleroNamespace) {
    return restore(VeleroRestore.fromBackup(restoreName(), backup), veleroNamespace);
  }

  private VeleroRestore restore(VeleroRestore.Builder restore, String veleroNamespace) {
    return restore.veleroNamespace(veleroNamespace)
        .addAllIncludedNamespaces(sourceNamespaces())
        .namespaceMapping(namespaceMapping())
        .restorePVs(true)
        .existingResourcePolicy(ExistingResourcePolicy.NONE)
        .build();
  }

  /**
   * A spec of its own holding only the drill's Restore, with the schedule and namespaces it relies on declared
   * pre-existing: apply it, unlike the permanent spec, only when drilling.
   */
  public ClusterSpec spec(String name) {
    return ClusterSpec.builder().name(name)
        .component(restore())
        .preExistingNamespace(schedule().veleroNamespace())
        .preExistingResource(schedule().ref())
        // A drill runs where the schedule's Velero already runs, with its CRDs.
        .preExistingCrd(Velero.CRDS)
        .build();
  }

  /**
   * What to delete after the drill, in order: the scratch namespaces, the persistent volumes the restore created
   * (cluster-scoped, so not deleted with the namespaces; Velero labels them with the restore's name, and their
   * claims were in the scratch namespaces, which tells them from the volumes of another Velero install's restore of
   * the same name), then the Restore. A volume goes only once the namespaces, and so its claim, are gone: a volume
   * deleted before its claim is removed without its reclaim policy running, which keeps its storage, unless a
   * finalizer holds it (see {@link DrillRunner} for the waits).
   */
  public List<CleanupTarget> cleanup() {
    return cleanup(schedule().veleroNamespace());
  }

  /** {@link #cleanup()} of the drill's Restore created in {@code veleroNamespace}, as {@link #restoreOf} does. */
  public List<CleanupTarget> cleanup(String veleroNamespace) {
    List<CleanupTarget> targets = new ArrayList<>();
    namespaceMapping().values().forEach(ns -> targets.add(CleanupTarget.object("v1", "Namespace", null, ns)));
    targets.add(CleanupTarget.volumesClaimedIn(Velero.RESTORE_NAME_LABEL, Velero.labelValue(restoreName()),
        List.copyOf(namespaceMapping().values())));
    targets.add(CleanupTarget.object(Velero.API_VERSION, "Restore", veleroNamespace, restoreName()));
    return targets;
  }

  /** The drill step by step, as shell commands with comments. */
  public String instructions() {
    List<String> lines = new ArrayList<>();
    lines.add("# " + title());
    List<Step> steps = steps();
    for (int i = 0; i < steps.size(); i++) {
      lines.add("# " + (i + 1) + ". " + steps.get(i).heading);
      lines.addAll(steps.get(i).commands);
    }
    lines.add("");
    return String.join("\n", lines);
  }

  /**
   * The drill's steps as a JSON object, for tools: {@code schedule} and {@code restore} (each {@code
   * namespace/name}), {@code namespaceMapping} (original to scratch namespace), {@code steps} (each with {@code
   * step}, its number, {@code description} and the shell {@code commands} to run) and {@code cleanup} (what to
   * delete afterwards: {@link #cleanup()}, each as {@link CleanupTarget#toString()} writes it); the same steps as
   * {@link #instructions()}.
   */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("schedule", schedule().veleroNamespace() + "/" + schedule().name());
    root.put("restore", schedule().veleroNamespace() + "/" + restoreName());
    ObjectNode mapping = root.putObject("namespaceMapping");
    namespaceMapping().forEach(mapping::put);
    ArrayNode steps = root.putArray("steps");
    List<Step> all = steps();
    for (int i = 0; i < all.size(); i++) {
      ObjectNode step = steps.addObject().put("step", i + 1)
          .put("description", all.get(i).heading.replaceFirst(":$", ""));
      all.get(i).commands.forEach(step.putArray("commands")::add);
    }
    ArrayNode cleanup = root.putArray("cleanup");
    cleanup().forEach(t -> cleanup.add(t.toString()));
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String title() {
    return "Restore drill: newest backup of Schedule " + schedule().veleroNamespace() + "/" + schedule().name()
        + ", namespaces " + namespaceMapping().entrySet().stream().map(e -> e.getKey() + " -> " + e.getValue())
            .collect(Collectors.joining(", "));
  }

  /** One step of the drill: what it does, as printed after its number, and its shell commands. */
  private static final class Step {
    final String heading;
    final List<String> commands;

    Step(String heading, String... commands) {
      this.heading = heading;
      this.commands = List.of(commands);
    }
  }

  private List<Step> steps() {
    String velero = schedule().veleroNamespace();
    String scratch = String.join(" ", namespaceMapping().values());
    return List.of(
        new Step("Apply the Restore (drill.spec(...)), then wait for it:",
            "kubectl -n " + velero + " wait restore/" + restoreName() + " --for=jsonpath='{.status.phase}'=Completed"
                + " --timeout=60m",
            "velero restore describe " + restoreName() + " --details"),
        new Step("Check the restored workloads and data in: " + scratch),
        new Step("Clean up, in this order: the scratch namespaces with their claims (kubectl waits until they are"
            + " gone); then the persistent volumes the restore created that are Released, their claim in a scratch"
            + " namespace gone (a volume claimed elsewhere is another restore's of the same name, such as another"
            + " Velero install's; volumes of reclaim policy Delete are left to the PersistentVolume controller, which"
            + " deletes them with their storage; the controller marks a volume Released a moment after its claim is"
            + " gone, so re-run the volume command until it lists nothing); the Restore itself",
            cleanup().stream().map(CleanupTarget::kubectl).toArray(String[]::new)));
  }

  @Value.Check
  protected void check() {
    List<Problem> problems = new ArrayList<>();
    ResourceRef ref = restore().ref();
    if (sourceNamespaces().isEmpty() || sourceNamespaces().stream().anyMatch(ns -> ns.contains("*"))) {
      problems.add(Problem.error(ref, "spec.includedNamespaces", "schedule '" + schedule().name() + "' covers "
          + (sourceNamespaces().isEmpty() ? "every namespace" : "namespace patterns " + sourceNamespaces())
          + ", so the drill does not know which namespaces to restore",
          "name them with namespaces(...) (command line: --namespace NS)"));
    }
    for (String message : Names.checkDns1123Subdomain(restoreName())) {
      problems.add(Problem.error(ref, "metadata.name", "restore name '" + restoreName() + "' " + message,
          "name the Restore with restoreName(...); by default it is the schedule's name and '-drill' (command line:"
              + " the schedule's name as the cluster has it)"));
    }
    NamespaceSelection covered = NamespaceSelection.of(schedule().includedNamespaces(),
        schedule().excludedNamespaces());
    for (Map.Entry<String, String> e : namespaceMapping().entrySet()) {
      String from = e.getKey();
      String to = e.getValue();
      if (from.contains("*")) continue;
      List<String> invalid = Names.checkDns1123Label(from);
      if (!invalid.isEmpty()) {
        problems.add(Problem.error(ref, "spec.includedNamespaces", "namespace '" + from + "' "
            + String.join(", ", invalid), "name the namespaces to restore as they are in the cluster"));
        continue;
      }
      if (!covered.covers(from)) {
        problems.add(Problem.error(ref, "spec.includedNamespaces", "namespace '" + from + "' is not backed up by"
            + " schedule '" + schedule().name() + "'", "drill only namespaces the schedule covers"));
      }
      for (String message : Names.checkDns1123Label(to)) {
        problems.add(Problem.error(ref, "spec.namespaceMapping." + from, "scratch namespace '" + to + "' "
            + message, to.length() > 63 ? "use a shorter suffix(...) (command line: --suffix)" : "use a suffix(...)"
            + " of lower-case letters, digits and '-' (command line: --suffix)"));
      }
    }
    if (!problems.isEmpty()) throw new SpecValidationException("RestoreDrill " + restoreName(), problems);
  }

  /** Builds {@link RestoreDrill}s. */
  public interface Builder {
    /** Starts from every attribute of {@code drill}. */
    Builder from(RestoreDrill drill);

    Builder schedule(VeleroSchedule schedule);

    Builder addNamespaces(String... namespaces);

    default Builder namespaces(String... namespaces) {
      return addNamespaces(namespaces);
    }

    /** Replaces the namespaces. */
    Builder namespaces(Iterable<String> namespaces);

    Builder suffix(String suffix);

    Builder restoreName(String restoreName);

    RestoreDrill build();
  }
}
