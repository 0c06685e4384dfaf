package dev.shipshape.core.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.DeletePolicy;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.readiness.ReadinessCondition;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * A validated spec, ordered into waves. The same spec always gives the same plan, byte for byte. A plan is an
 * immutable value: executors apply it, export it or diff it against a cluster.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class Plan {

  /** The name of the spec; it names the ApplySet that tracks the applied objects. */
  public abstract String specName();

  public abstract KubernetesVersion kubernetesVersion();

  /** The environment the spec was planned for ({@code ClusterSpec.plan(environment)}); empty for the spec as is. */
  public abstract Optional<String> environment();

  public abstract List<Wave> waves();

  /** Problems that do not stop the plan, such as references to objects the cluster may already hold. */
  public abstract List<Problem> warnings();

  /** Objects an executor deletes around applying them (Helm hook delete policies), by target. */
  public abstract List<DeletePolicy> deletePolicies();

  /** The delete policy of this object, if it has one. */
  public Optional<DeletePolicy> deletePolicy(ResourceRef ref) {
    return deletePolicies().stream().filter(p -> p.target().equals(ref)).findFirst();
  }

  /**
   * Readiness conditions that components contributed for their custom kinds, by {@code Kind.group}; executors
   * use them when waiting for workloads. Not part of the plan's identity.
   */
  @Value.Auxiliary
  public abstract Map<String, ReadinessCondition> readiness();

  public static Builder builder() {
    return ImmutablePlan.builder();
  }

  /** Every object in apply order: wave by wave, in each wave's order. */
  @Value.Lazy
  public List<PlannedResource> resources() {
    return waves().stream().flatMap(w -> w.resources().stream()).collect(Collectors.toUnmodifiableList());
  }

  /** Every step that is not a Kubernetes object, in run order: wave by wave, in each wave's order. */
  @Value.Lazy
  public List<PlannedStep> steps() {
    return waves().stream().flatMap(w -> w.steps().stream()).collect(Collectors.toUnmodifiableList());
  }

  /**
   * One note per {@link #steps() step}, which YAML and GitOps exports cannot hold: {@code not exportable: helm
   * release shop/web chart web 1.0.0: install or upgrade (runs only when the plan is applied to a cluster)}.
   */
  public List<String> exportNotes() {
    return steps().stream().map(s -> "not exportable: " + s.description()
        + " (runs only when the plan is applied to a cluster)").collect(Collectors.toUnmodifiableList());
  }

  @Value.Lazy
  Map<ResourceRef, PlannedResource> index() {
    return resources().stream().collect(Collectors.toUnmodifiableMap(PlannedResource::ref, Function.identity()));
  }

  /** The planned object with this identity. */
  public Optional<PlannedResource> find(ResourceRef ref) {
    return Optional.ofNullable(index().get(ref));
  }

  /**
   * Multi-document YAML in apply order, as {@code kubectl apply -f} reads it, after a comment line per {@link
   * #exportNotes() step it cannot hold}.
   */
  public String toYaml() {
    StringWriter out = new StringWriter();
    try {
      writeYaml(out);
    } catch (IOException e) {
      throw new UncheckedIOException("a StringWriter does not fail", e);
    }
    return out.toString();
  }

  /**
   * Writes {@link #toYaml()}'s text to {@code out} object by object, without building the whole document in
   * memory; {@code out} is flushed, not closed.
   *
   * @throws IOException when {@code out} cannot be written
   */
  public void writeYaml(Writer out) throws IOException {
    for (String note : exportNotes()) out.write("# " + note + "\n");
    writeObjects(out, r -> true);
  }

  /**
   * Writes the objects {@code include} accepts as multi-document YAML in apply order (each after a {@code ---}
   * line), without {@link #writeYaml}'s comment lines; {@code out} is flushed, not closed. Large plans are rendered
   * on the calling thread and the common fork-join pool at once, and written in order.
   *
   * @throws IOException when {@code out} cannot be written
   */
  public void writeObjects(Writer out, Predicate<PlannedResource> include) throws IOException {
    YamlExport.write(resources().stream().filter(include).collect(Collectors.toList()), out);
    out.flush();
  }

  /**
   * Writes one file per object, named with its wave and position ({@code 00-0001-namespace-shop.yaml}), and a
   * {@code kustomization.yaml} that lists them in apply order, ready for a GitOps repository, with a comment line
   * per {@link #exportNotes() step it cannot hold}. Files of an earlier export to the same directory (those its
   * {@code kustomization.yaml} lists) are replaced: those this export does not write again are removed, so objects
   * dropped from the spec disappear, and those that already hold the same text are left untouched. Other files are
   * never removed, and an export that would overwrite one of them (a file of the same name, also one that differs
   * in case only or is a link, or a kustomization written by hand) stops before it writes anything; one that another
   * program makes while the export writes is left as it is, named, and left out of the list. The
   * {@code kustomization.yaml} is the export's own: edits to it are replaced (keep them in an overlay that lists the
   * directory). Large plans are rendered and
   * written on the calling thread and the common fork-join pool at once.
   *
   * @return the files of the export (written now or left as they were), kustomization last
   * @throws UncheckedIOException when the directory cannot be written, or (caused by a
   *     {@link java.nio.file.FileAlreadyExistsException} naming the files) when the export would overwrite files
   *     that no earlier export wrote
   */
  public List<Path> writeTo(Path directory) {
    return writeTo(directory, r -> true);
  }

  /**
   * Like {@link #writeTo(Path)}, with only the objects {@code include} accepts, such as
   * {@code r -> !r.isSecret()} for a repository that must not hold Secret data.
   *
   * @return the files of the export (written now or left as they were), kustomization last
   */
  public List<Path> writeTo(Path directory, Predicate<PlannedResource> include) {
    return writeTo(ExportTarget.scanInParallel(directory, Optional.empty()), include);
  }

  /**
   * Like {@link #writeTo(Path, Predicate)}, keeping in {@code index} (a file outside the directory, such as one in
   * a cache directory, created when absent) what the export found: for each file it read and left as it was (not
   * Secrets), its size, modification and change times, device, inode and a checksum of its text, as git's index
   * keeps them. The next export to the same directory with the same index then tells such a file, when it still
   * holds that text, by its attributes alone: one {@code lstat} instead of opening and reading it. A file whose
   * attributes changed, or changed since the export that recorded it began (the directory's own clock; the file may
   * have changed again within one tick of it), is read; so is every file when the index cannot be read or was
   * written for another directory (it is rewritten). To read its clock, an export sets the directory's
   * modification time to what it is, which updates its change time, before it looks at any file: also when it is
   * then refused because the directory holds files no earlier export wrote.
   *
   * @return the files of the export (written now or left as they were), kustomization last
   */
  public List<Path> writeTo(Path directory, Predicate<PlannedResource> include, Path index) {
    return writeTo(ExportTarget.scanInParallel(directory, Optional.of(index)), include);
  }

  /**
   * Like {@link #writeTo(Path, Predicate)} (or with an index, {@link #writeTo(Path, Predicate, Path)}), into a
   * directory looked at before, such as while the spec was built: see {@link ExportTarget}.
   *
   * @return the files of the export (written now or left as they were), kustomization last
   * @throws UncheckedIOException as {@link #writeTo(Path)}, also (caused by a
   *     {@link java.nio.file.FileAlreadyExistsException} naming the files) when another program made a file of the
   *     export's since the directory was looked at
   */
  public List<Path> writeTo(ExportTarget target, Predicate<PlannedResource> include) {
    Path directory = target.directory();
    List<PlannedResource> objects = new ArrayList<>();
    List<Path> written = new ArrayList<>();
    List<String> names = new ArrayList<>();
    int position = 0;
    for (PlannedResource r : resources()) {
      if (!include.test(r)) continue;
      String file = fileName(r.wave(), ++position, r.ref());
      objects.add(r);
      written.add(directory.resolve(file));
      names.add(file);
    }
    try {
      ExportTarget looked = target.existing();
      Optional<ExportIndex> index = looked.index();
      ExportDirectory.OwnFiles existing =
          ExportDirectory.prepare(directory, ExportDirectory.list(directory), looked.found(), names);
      // The list first: an export interrupted while writing the objects leaves them listed as its own.
      ExportDirectory.writeKustomization(directory, kustomization(names));
      YamlExport.Written files = YamlExport.writeFiles(objects, written, existing, index);
      if (!files.appeared().isEmpty()) {
        // Those files are the other program's: a list naming them would let the next export overwrite them.
        names.removeAll(files.appeared());
        ExportDirectory.writeKustomization(directory, kustomization(names));
        throw ExportDirectory.appeared(files.appeared());
      }
      written.add(directory.resolve(ExportDirectory.KUSTOMIZATION));
      // Last, so that an export that fails leaves the old index, whose entries no longer match what changed.
      index.ifPresent(i -> i.write(looked.indexFile().orElseThrow(), files.entries()));
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plan to " + directory, e);
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("cannot write the plan to " + directory, e.getCause());
    }
  }

  /** The export's {@code kustomization.yaml}, listing {@code files} in apply order, with the notes. */
  private byte[] kustomization(List<String> files) {
    StringBuilder text = new StringBuilder(64 * (files.size() + 8))
        .append("apiVersion: kustomize.config.k8s.io/v1beta1\n")
        .append("kind: Kustomization\n")
        .append(ExportDirectory.OWN_MARK).append('\n')
        .append("sortOptions:\n  order: fifo\n");
    exportNotes().forEach(note -> text.append("# ").append(note).append('\n'));
    text.append("resources:\n");
    files.forEach(file -> text.append("- ").append(file).append('\n'));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * {@code WW-PPPP-kind-namespace-name.yaml}: wave and position zero-padded to at least two and four digits, then
   * the object's kind (lower case), namespace and name with every character but {@code a-z0-9.-} turned into
   * {@code _}. Built by hand: at 17,000 objects a format string and a regular expression per file cost more than
   * writing the file.
   */
  static String fileName(int wave, int position, ResourceRef ref) {
    StringBuilder name = new StringBuilder(64);
    padded(name, wave, 2).append('-');
    padded(name, position, 4).append('-');
    appendStem(name, ref.kind().toLowerCase(Locale.ROOT));
    if (ref.namespace().isPresent()) appendStem(name.append('-'), ref.namespace().get());
    appendStem(name.append('-'), ref.name());
    return name.append(".yaml").toString();
  }

  private static StringBuilder padded(StringBuilder to, int number, int digits) {
    String text = Integer.toString(number);
    for (int i = text.length(); i < digits; i++) to.append('0');
    return to.append(text);
  }

  private static void appendStem(StringBuilder to, String part) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      boolean kept = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
      to.append(kept ? c : '_');
      // A character beyond the 16-bit range (a surrogate pair) is one '_', as any other character.
      if (Character.isHighSurrogate(c) && i + 1 < part.length() && Character.isLowSurrogate(part.charAt(i + 1))) i++;
    }
  }

  /**
   * A table of the plan for people: wave, kind, namespace/name and the component that produced each object, then
   * one line per step that is not a Kubernetes object ({@code wave 1 runs helm release shop/web chart web 1.0.0:
   * install or upgrade}), then the warnings. Secret contents never appear.
   */
  public String summary() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"WAVE", "KIND", "NAMESPACE/NAME", "COMPONENT"});
    for (PlannedResource r : resources()) {
      rows.add(new String[] {String.valueOf(r.wave()), r.ref().groupKind(), r.ref().qualifiedName(), r.component()});
    }
    int[] widths = new int[4];
    for (String[] row : rows) {
      for (int i = 0; i < 4; i++) widths[i] = Math.max(widths[i], row[i].length());
    }
    StringBuilder out = new StringBuilder()
        .append("Plan ").append(specName())
        .append(environment().map(e -> " (environment " + e + ")").orElse(""))
        .append(" for Kubernetes ").append(kubernetesVersion()).append(": ")
        .append(count(resources().size(), "resource"))
        .append(steps().isEmpty() ? "" : " and " + count(steps().size(), "step"))
        .append(" in ").append(count(waves().size(), "wave")).append('\n');
    for (String[] row : rows) {
      out.append(String.format(Locale.ROOT, "%-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2] + "s  %s",
          row[0], row[1], row[2], row[3]).stripTrailing()).append('\n');
    }
    for (Wave wave : waves()) {
      for (Gate gate : wave.gates()) out.append("wave ").append(wave.index()).append(" waits for ").append(gate)
          .append('\n');
    }
    for (PlannedStep step : steps()) {
      out.append("wave ").append(step.wave()).append(" runs ").append(step.description()).append('\n');
    }
    for (DeletePolicy policy : deletePolicies()) out.append(policy).append('\n');
    for (Problem warning : warnings()) out.append(warning).append('\n');
    return out.toString();
  }

  /**
   * The plan as JSON, a stable shape for tools: {@code {"spec", "kubernetesVersion", "valid": true, "resources": N,
   * "waves": [{"wave", "gates": [{"target", "condition", "madeFrom" (only when a controller makes the target
   * from that object)}], "resources": [{"resource", "apiVersion", "kind",
   * "namespace" (absent when cluster-scoped), "name", "component", "prerequisites": [...]}]}], "warnings":
   * [Problem.toJson()...]}}; a plan with steps that are not Kubernetes objects also has {@code "steps": N} and, in
   * their waves, {@code "steps": [{"step", "description", "component", "prerequisites": [...]}]}; then
   * {@code "deletePolicies": [{"resource", "when": ["BEFORE_CREATION" | "AFTER_SUCCESS" | "AFTER_FAILURE"...]}]},
   * the objects an executor deletes around applying them (a Helm hook's delete policy), as {@link #summary()}
   * shows them. Objects are named, never printed: Secret contents never appear.
   */
  public ObjectNode toJson() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("spec", specName()).put("kubernetesVersion", kubernetesVersion().toString()).put("valid", true)
        .put("resources", resources().size());
    if (!steps().isEmpty()) root.put("steps", steps().size());
    ArrayNode waves = root.putArray("waves");
    for (Wave wave : waves()) {
      ObjectNode w = waves.addObject().put("wave", wave.index());
      ArrayNode gates = w.putArray("gates");
      for (Gate g : wave.gates()) {
        ObjectNode gate = gates.addObject().put("target", g.target().toString())
            .put("condition", g.condition().description());
        g.madeFrom().ifPresent(from -> gate.put("madeFrom", from.toString()));
      }
      ArrayNode objects = w.putArray("resources");
      for (PlannedResource r : wave.resources()) {
        ObjectNode o = objects.addObject().put("resource", r.ref().toString()).put("apiVersion", r.apiVersion())
            .put("kind", r.ref().kind());
        r.ref().namespace().ifPresent(ns -> o.put("namespace", ns));
        o.put("name", r.ref().name()).put("component", r.component());
        ArrayNode prerequisites = o.putArray("prerequisites");
        r.prerequisites().forEach(p -> prerequisites.add(p.toString()));
      }
      if (!wave.steps().isEmpty()) {
        ArrayNode steps = w.putArray("steps");
        for (PlannedStep s : wave.steps()) {
          ArrayNode prerequisites = steps.addObject().put("step", s.id()).put("description", s.description())
              .put("component", s.component()).putArray("prerequisites");
          s.prerequisites().forEach(p -> prerequisites.add(p.toString()));
        }
      }
    }
    ArrayNode policies = root.putArray("deletePolicies");
    for (DeletePolicy policy : deletePolicies()) {
      ArrayNode when = policies.addObject().put("resource", policy.target().toString()).putArray("when");
      policy.when().stream().sorted().forEach(w -> when.add(w.name()));
    }
    ArrayNode warnings = root.putArray("warnings");
    warnings().forEach(w -> warnings.add(w.toJson()));
    return root;
  }

  /** Builds {@link Plan}s; the planner does, and so can tests that need a hand-made plan. */
  public interface Builder {
    /** Starts from every attribute of {@code plan}. */
    Builder from(Plan plan);

    Builder specName(String specName);

    Builder kubernetesVersion(KubernetesVersion kubernetesVersion);

    Builder addWaves(Wave wave);

    Builder addWaves(Wave... waves);

    /** Replaces the waves. */
    Builder waves(Iterable<? extends Wave> waves);

    Builder addAllWaves(Iterable<? extends Wave> waves);

    Builder addWarnings(Problem... warnings);

    /** Replaces the warnings. */
    Builder warnings(Iterable<? extends Problem> warnings);

    Builder addAllWarnings(Iterable<? extends Problem> warnings);

    Builder putReadiness(String kind, ReadinessCondition condition);

    Builder putAllReadiness(Map<String, ? extends ReadinessCondition> conditions);

    Builder addAllDeletePolicies(Iterable<? extends DeletePolicy> policies);

    /** The environment the spec is planned for; empty for the spec as is. */
    Builder environment(Optional<String> environment);

    Plan build();
  }

  @Override
  public String toString() {
    return "Plan " + specName() + " (" + count(resources().size(), "resource") + ", " + count(waves().size(), "wave")
        + ")";
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

}
