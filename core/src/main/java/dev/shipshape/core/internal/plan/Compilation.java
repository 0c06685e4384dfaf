package dev.shipshape.core.internal.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.BuiltInKinds;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.DefinedKind;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ProblemSeverity;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.step.ExternalStep;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Compiles every component of a spec, stamps the common labels and annotations, and merges identical duplicates.
 * Components that look at the spec's namespaces are compiled a second time, once every other component's
 * Namespaces are known; so are those that asked for the scope of a kind whose CRD another component defines.
 */
final class Compilation {
  static final String RAW_RESOURCES = "resources";

  final List<CompiledObject> objects = new ArrayList<>();
  final List<Problem> problems = new ArrayList<>();
  final List<CompiledStep> steps = new ArrayList<>();

  /**
   * @param raw the spec's own raw objects, which are never changed: an object the plan must change (stamp) is
   *     copied first, the others are shared with the spec (nothing changes a compiled object in place: amendments
   *     and environment overrides replace it with a changed copy)
   */
  Compilation(ClusterSpec spec, List<HasMetadata> raw) {
    checkComponentNames(spec);
    List<Namespace> rawList = List.copyOf(namespacesOf(raw));
    SpecNamespaces rawNamespaces = new SpecNamespaces(rawList);
    Map<String, Boolean> rawScopes = DefinedKind.namespacedByKind(raw);
    Map<Component, List<HasMetadata>> outputs = new LinkedHashMap<>();
    // Problems per component, replaced when a component is compiled again, so none is reported twice.
    Map<Component, List<Problem>> compileProblems = new LinkedHashMap<>();
    Map<Component, Context> lastContexts = new LinkedHashMap<>();
    for (Component component : spec.components()) {
      Context context = new Context(spec, rawNamespaces, rawScopes);
      List<Problem> found = new ArrayList<>();
      outputs.put(component, compile(component, context, found));
      compileProblems.put(component, found);
      lastContexts.put(component, context);
    }
    // The kinds' scopes by the CRDs of the latest outputs, read again only after a round that changed outputs.
    Map<String, Boolean> scopes = scopesOf(raw, outputs);
    Set<Component> again = new LinkedHashSet<>();
    for (Map.Entry<Component, Context> last : lastContexts.entrySet()) {
      if (last.getValue().usedNamespaces || last.getValue().answersChangeWith(scopes)) again.add(last.getKey());
    }
    SpecNamespaces namespaces = rawNamespaces;
    if (!again.isEmpty()) {
      List<Namespace> all = new ArrayList<>(rawList);
      outputs.values().forEach(out -> all.addAll(namespacesOf(out)));
      namespaces = new SpecNamespaces(all);
    }
    // A component compiled again may bring a CRD that changes what another was told: again, until no answer
    // changes; each round compiles fewer components than there are, as a CRD's kind is answered once it is known.
    for (int round = 0; !again.isEmpty() && round <= spec.components().size(); round++) {
      for (Component component : again) {
        Context context = new Context(spec, namespaces, scopes);
        List<Problem> found = new ArrayList<>();
        outputs.put(component, compile(component, context, found));
        compileProblems.put(component, found);
        lastContexts.put(component, context);
      }
      scopes = scopesOf(raw, outputs);
      again.clear();
      for (Map.Entry<Component, Context> last : lastContexts.entrySet()) {
        if (last.getValue().answersChangeWith(scopes)) again.add(last.getKey());
      }
    }
    compileProblems.values().forEach(problems::addAll);
    for (Component component : spec.components()) {
      steps.addAll(steps(component, new Context(spec, rawNamespaces, scopes)));
    }
    Map<ResourceRef, CompiledObject> seen = new HashMap<>();
    // Components return new objects (Component#compile): the plan takes them over without copying them.
    boolean stamps = !spec.commonLabels().isEmpty() || !spec.commonAnnotations().isEmpty();
    for (HasMetadata object : raw) {
      add(spec, stamps || object.getMetadata() == null ? Manifests.copy(object) : object, RAW_RESOURCES, seen);
    }
    outputs.forEach((component, out) -> out.forEach(o -> add(spec, o, component.name(), seen)));
    Amending.apply(spec.components(), objects, problems);
  }

  /** Whether each kind a CRD of the raw resources or of the components' outputs defines is namespaced. */
  private static Map<String, Boolean> scopesOf(List<HasMetadata> raw, Map<Component, List<HasMetadata>> outputs) {
    List<HasMetadata> every = new ArrayList<>(raw);
    outputs.values().forEach(every::addAll);
    return DefinedKind.namespacedByKind(every);
  }

  private void checkComponentNames(ClusterSpec spec) {
    Set<String> names = new HashSet<>();
    for (Component component : spec.components()) {
      if (!names.add(component.name())) {
        problems.add(Problem.builder().severity(ProblemSeverity.ERROR).component(component.name())
            .message("two components are named '" + component.name() + "'")
            .fix("give each component of the spec its own name").build());
      }
    }
  }

  private static List<HasMetadata> compile(Component component, Context context, List<Problem> problems) {
    try {
      List<HasMetadata> out = component.compile(context);
      return out == null ? List.of() : out;
    } catch (SpecValidationException e) {
      e.problems().forEach(p -> problems.add(p.inComponent(component.name())));
      return List.of();
    } catch (RuntimeException e) {
      problems.add(Problem.builder().severity(ProblemSeverity.ERROR).component(component.name())
          .message("failed to compile: " + e)
          .fix("fix the component's configuration; this is a bug in the component if it persists").build());
      return List.of();
    }
  }

  private List<CompiledStep> steps(Component component, Context context) {
    try {
      List<ExternalStep> out = component.externalSteps(context);
      return out == null ? List.of()
          : out.stream().map(step -> new CompiledStep(step, component.name())).collect(Collectors.toList());
    } catch (SpecValidationException e) {
      e.problems().forEach(p -> problems.add(p.inComponent(component.name())));
      return List.of();
    } catch (RuntimeException e) {
      problems.add(Problem.builder().severity(ProblemSeverity.ERROR).component(component.name())
          .message("failed to list its steps: " + e)
          .fix("fix the component's configuration; this is a bug in the component if it persists").build());
      return List.of();
    }
  }

  private void add(ClusterSpec spec, HasMetadata object, String component, Map<ResourceRef, CompiledObject> seen) {
    if (object.getMetadata() == null) object.setMetadata(new ObjectMeta());
    stamp(object, spec);
    CompiledObject compiled = new CompiledObject(object, component);
    CompiledObject earlier = seen.putIfAbsent(compiled.ref, compiled);
    if (earlier == null) {
      objects.add(compiled);
      return;
    }
    ObjectNode a = Manifests.toTree(earlier.object);
    ObjectNode b = Manifests.toTree(object);
    if (!a.equals(b)) {
      String secretNote = compiled.ref.kind().equals("Secret") ? " (contents not shown)" : "";
      problems.add(Problem.builder().severity(ProblemSeverity.ERROR).component(component).resource(compiled.ref)
          .message("is also produced by component '" + earlier.component + "' with different content" + secretNote)
          .fix("let one component own " + compiled.ref + ", or make both produce the same content").build());
    }
  }

  /** Common labels and annotations, without overriding what the object sets itself. */
  private static void stamp(HasMetadata object, ClusterSpec spec) {
    ObjectMeta meta = object.getMetadata();
    if (!spec.commonLabels().isEmpty()) {
      Map<String, String> labels = new LinkedHashMap<>(spec.commonLabels());
      if (meta.getLabels() != null) labels.putAll(meta.getLabels());
      meta.setLabels(labels);
    }
    if (!spec.commonAnnotations().isEmpty()) {
      Map<String, String> annotations = new LinkedHashMap<>(spec.commonAnnotations());
      if (meta.getAnnotations() != null) annotations.putAll(meta.getAnnotations());
      meta.setAnnotations(annotations);
    }
  }

  private static List<Namespace> namespacesOf(List<HasMetadata> objects) {
    return objects.stream()
        .filter(o -> "Namespace".equals(o.getKind()) && "v1".equals(o.getApiVersion()))
        .map(o -> o instanceof Namespace ? (Namespace) o : Manifests.convert(o, Namespace.class))
        .collect(Collectors.toList());
  }

  /**
   * The compile context of one component; records whether the component looked at the namespaces, and the scopes
   * it was told.
   */
  private static final class Context implements CompileContext {
    private final ClusterSpec spec;
    private final SpecNamespaces namespaces;
    private final Map<String, Boolean> crdNamespaced;
    private final Map<String, Boolean> answeredClusterScoped = new ConcurrentHashMap<>();
    boolean usedNamespaces;

    /**
     * {@code namespaces} is shared by the contexts of every component of a round; {@code crdNamespaced} tells, for
     * each kind a CRD known in that round defines, whether it is namespaced.
     */
    Context(ClusterSpec spec, SpecNamespaces namespaces, Map<String, Boolean> crdNamespaced) {
      this.spec = spec;
      this.namespaces = namespaces;
      this.crdNamespaced = crdNamespaced;
    }

    @Override
    public boolean isClusterScoped(String groupKind) {
      return answeredClusterScoped.computeIfAbsent(groupKind, kind -> clusterScoped(kind, crdNamespaced));
    }

    /** Whether any scope this context answered is different with the CRDs of {@code later}. */
    boolean answersChangeWith(Map<String, Boolean> later) {
      return answeredClusterScoped.entrySet().stream()
          .anyMatch(answer -> answer.getValue() != clusterScoped(answer.getKey(), later));
    }

    private static boolean clusterScoped(String groupKind, Map<String, Boolean> crdNamespaced) {
      return BuiltInKinds.isClusterScoped(groupKind) || Boolean.FALSE.equals(crdNamespaced.get(groupKind));
    }

    @Override
    public String specName() {
      return spec.name();
    }

    @Override
    public KubernetesVersion kubernetesVersion() {
      return spec.kubernetesVersion();
    }

    @Override
    public java.util.Optional<dev.shipshape.core.cluster.ClusterProfile> clusterProfile() {
      return spec.clusterProfile();
    }

    @Override
    public List<Namespace> namespaces() {
      usedNamespaces = true;
      return namespaces.copies();
    }

    @Override
    public List<String> namespacesLabelled(Map<String, String> labels) {
      usedNamespaces = true;
      return namespaces.labelled(labels);
    }
  }
}
