package dev.shipshape.core;

import dev.shipshape.core.env.Environment;
import dev.shipshape.core.versions.ApiDeprecations;
import dev.shipshape.core.versions.SupportWindow;
import dev.shipshape.core.internal.plan.Planner;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * The desired state of a cluster: components and raw resources, with the target Kubernetes version and the
 * labels and annotations stamped on every object. Build one with {@link #builder()} and turn it into an ordered,
 * validated {@link Plan} with {@link #plan()}.
 *
 * <pre>{@code
 * ClusterSpec spec = ClusterSpec.builder()
 *     .name("prod")
 *     .kubernetesVersion("1.33")
 *     .commonLabel("app.kubernetes.io/managed-by", "shipshape")
 *     .component(tenants)
 *     .yaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n")
 *     .build();
 * Plan plan = spec.plan();
 * }</pre>
 *
 * <p>Namespaces {@code default}, {@code kube-system}, {@code kube-public} and {@code kube-node-lease} exist on
 * every cluster and count as pre-existing.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class ClusterSpec {

  /** Namespaces that every Kubernetes cluster has. */
  public static final Set<String> SYSTEM_NAMESPACES =
      Set.of("default", "kube-system", "kube-public", "kube-node-lease");

  /**
   * The fix's words for declaring a namespace that the cluster already has, for users of both the Java API and the
   * command line: {@code preExistingNamespace("ns") (command line: --pre-existing-namespace ns)}.
   */
  public static String preExistingNamespaceFix(String namespace) {
    return "preExistingNamespace(\"" + namespace + "\") (command line: --pre-existing-namespace " + namespace + ")";
  }

  /** The spec's name, a DNS-1123 label; it names the ApplySet that tracks what the spec applied. */
  public abstract String name();

  /** The target Kubernetes version. By default, the newest the SDK knows ({@link SupportWindow#NEWEST_KNOWN}). */
  @Value.Default
  public KubernetesVersion kubernetesVersion() {
    return SupportWindow.NEWEST_KNOWN;
  }

  /**
   * The deprecated and removed API versions the plan checks objects against: the SDK's bundled data unless a
   * newer file in Pluto's format is given ({@code ApiDeprecations.read(path)}).
   */
  @Value.Default
  @Value.Auxiliary
  public ApiDeprecations apiDeprecations() {
    return ApiDeprecations.bundled();
  }

  /** Labels put on every object, unless the object sets the same key itself. */
  public abstract Map<String, String> commonLabels();

  /** Annotations put on every object, unless the object sets the same key itself. */
  public abstract Map<String, String> commonAnnotations();

  /** The components, in the order they were added. */
  public abstract List<Component> components();

  /** The objects given as they are, as the builder stored them; read through {@link #rawResources()}. */
  abstract List<HasMetadata> rawObjects();

  /**
   * What {@link Builder#yaml} and {@link Builder#yamlFile} could not read, one error per document (empty when every
   * document read); planning reports them with every other problem of the spec, so one run shows everything to fix.
   */
  public abstract List<Problem> manifestProblems();

  /**
   * Deep copies of the objects given as they are, so that changing them does not change the spec; documents the
   * builder could not read are not among them ({@link #manifestProblems()}).
   */
  public List<HasMetadata> rawResources() {
    return rawObjects().stream().map(Manifests::copy).collect(java.util.stream.Collectors.toUnmodifiableList());
  }

  /** Namespaces that exist on the target cluster although the spec does not create them. */
  public abstract Set<String> preExistingNamespaces();

  /** Objects that exist on the target cluster although the spec does not create them. */
  public abstract Set<ResourceRef> preExisting();

  /** Explicit ordering edges, on top of those the planner derives. */
  public abstract List<Dependency> dependencies();

  /**
   * Where the cluster runs, when the spec is for one kind: components leave out what a managed provider owns (and
   * say what to set on its side instead). By default, none: components write everything they stand for.
   */
  public abstract Optional<dev.shipshape.core.cluster.ClusterProfile> clusterProfile();

  /** The environments this spec can be planned for ({@link #plan(String)}), in the order they were added. */
  public abstract List<Environment> environments();

  /** The environment of this name, if the spec declares it. */
  public Optional<Environment> environment(String name) {
    return environments().stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /**
   * Compiles, validates and orders the spec.
   *
   * @throws SpecValidationException listing every error (and warning) when the spec is invalid
   */
  public Plan plan() {
    return Planner.plan(this, rawObjects(), manifestProblems(), Optional.empty());
  }

  /**
   * Compiles the spec, applies the environment's overrides, then validates and orders it as {@link #plan()} does.
   * Everything the overrides do not change is identical to {@link #plan()}'s. The environment need not be one of
   * {@link #environments()}.
   *
   * @throws SpecValidationException listing every error (and warning) when the spec is invalid in the environment
   */
  public Plan plan(Environment environment) {
    return Planner.plan(this, rawObjects(), manifestProblems(), Optional.of(environment));
  }

  /**
   * Plans the spec for the declared environment of this name.
   *
   * @throws IllegalArgumentException when the spec declares no environment of this name; the message lists the
   *     ones it declares
   * @throws SpecValidationException listing every error (and warning) when the spec is invalid in the environment
   */
  public Plan plan(String environmentName) {
    return plan(environment(environmentName).orElseThrow(() -> new IllegalArgumentException(
        "spec " + name() + " has no environment '" + environmentName + "'; " + (environments().isEmpty()
            ? "it declares none — add one with ClusterSpec.builder().environment(...)"
            : "its environments: " + environments().stream().map(Environment::name)
                .collect(Collectors.joining(", "))))));
  }

  public static Builder builder() {
    return ImmutableClusterSpec.builder();
  }

  /** Names and counts only: the objects may be Secrets, whose data must never be printed. */
  @Override
  public String toString() {
    return "ClusterSpec{name=" + name() + ", kubernetesVersion=" + kubernetesVersion() + ", components="
        + components().stream().map(Component::name).collect(java.util.stream.Collectors.toList())
        + ", resources=" + rawObjects().stream().map(ResourceRef::of).collect(java.util.stream.Collectors.toList())
        + "}";
  }

  @Value.Check
  protected void check() {
    List<Problem> problems = new ArrayList<>();
    for (String message : Names.checkDns1123Label(name())) {
      problems.add(Problem.builder().severity(ProblemSeverity.ERROR).field("name")
          .message("spec name '" + name() + "' " + message)
          .fix("use lower-case letters, digits and '-', at most 63 characters, such as 'prod'").build());
    }
    for (String namespace : preExistingNamespaces()) {
      for (String message : Names.checkDns1123Label(namespace)) {
        problems.add(Problem.builder().severity(ProblemSeverity.ERROR).field("preExistingNamespaces")
            .message("pre-existing namespace '" + namespace + "' " + message)
            .fix("name a namespace as the cluster has it: lower-case letters, digits and '-', such as 'ingress-nginx'")
            .build());
      }
    }
    java.util.Set<String> environmentNames = new java.util.HashSet<>();
    for (Environment environment : environments()) {
      if (!environmentNames.add(environment.name())) {
        problems.add(Problem.builder().severity(ProblemSeverity.ERROR).field("environments")
            .message("two environments are named '" + environment.name() + "'")
            .fix("give each environment of the spec its own name").build());
      }
    }
    if (!problems.isEmpty()) throw new SpecValidationException("ClusterSpec", problems);
  }

  /**
   * Builds {@link ClusterSpec}s; every method returns this builder. Objects given to it are deep-copied on the way
   * in, so changing them afterwards does not change the spec. Sealed: {@link ClusterSpec#builder()} is the only way
   * to get one.
   */
  public sealed interface Builder permits ImmutableClusterSpec.Builder {

    /** Starts from every attribute of {@code existing}. */
    Builder from(ClusterSpec existing);

    Builder name(String name);

    Builder kubernetesVersion(KubernetesVersion version);

    /** Sets the target version from text such as {@code 1.33}. */
    default Builder kubernetesVersion(String version) {
      return kubernetesVersion(KubernetesVersion.parse(version));
    }

    /** Checks objects against these deprecations instead of the bundled ones. */
    Builder apiDeprecations(ApiDeprecations deprecations);

    default Builder commonLabel(String key, String value) {
      return generated().putCommonLabels(key, value);
    }

    default Builder commonAnnotation(String key, String value) {
      return generated().putCommonAnnotations(key, value);
    }

    default Builder component(Component... components) {
      return generated().addComponents(components);
    }

    /** Replaces the components. */
    Builder components(Iterable<? extends Component> components);

    /** Adds deep copies of these objects, so later changes to them do not reach the spec. */
    default Builder resource(HasMetadata... objects) {
      for (HasMetadata object : objects) generated().addRawObjects(Manifests.copy(object));
      return this;
    }

    /**
     * Adds deep copies of these objects, so later changes to them do not reach the spec. A large collection is
     * copied on several threads; the objects must not change while this method runs.
     */
    default Builder resources(Collection<? extends HasMetadata> objects) {
      return generated().addAllRawObjects(Manifests.copies(objects));
    }

    /**
     * Adds the objects of a YAML (or JSON) text with one or more documents. A document that is not a Kubernetes
     * object, or does not fit its kind, is an error that planning reports with every other problem of the spec.
     */
    default Builder yaml(String text) {
      return SpecManifests.add(generated(), () -> ManifestReader.strict().parse(text, SpecManifests.TEXT),
          () -> ManifestReader.tolerant().parse(text, SpecManifests.TEXT));
    }

    /**
     * Adds the objects of a manifest file, or of every manifest file under a directory. A document that is not a
     * Kubernetes object, or does not fit its kind, is an error that planning reports with every other problem of
     * the spec.
     *
     * @throws java.io.UncheckedIOException when a file cannot be read or does not exist
     */
    default Builder yamlFile(Path path) {
      return SpecManifests.add(generated(), () -> ManifestReader.strict().read(path),
          () -> ManifestReader.tolerant().read(path));
    }

    default Builder preExistingNamespace(String... namespaces) {
      return generated().addPreExistingNamespaces(namespaces);
    }

    default Builder preExistingResource(ResourceRef... refs) {
      return generated().addPreExisting(refs);
    }

    /** Replaces the objects declared pre-existing (CRDs included). */
    Builder preExisting(Iterable<? extends ResourceRef> refs);

    /**
     * Declares CustomResourceDefinitions, by name ({@code <plural>.<group>}, such as
     * {@code backups.velero.io}), that exist on the cluster although the spec does not create them.
     */
    default Builder preExistingCrd(String... names) {
      for (String name : names) {
        generated().addPreExisting(ResourceRef.clusterScoped("apiextensions.k8s.io", "CustomResourceDefinition", name));
      }
      return this;
    }

    /** Declares CustomResourceDefinitions installed on the cluster another way, such as by an operator's installer. */
    default Builder preExistingCrd(Iterable<RequiredCrd> crds) {
      crds.forEach(crd -> generated().addPreExisting(crd.ref()));
      return this;
    }

    /** Adds environments the spec can be planned for ({@link ClusterSpec#plan(String)}). */
    default Builder environment(Environment... environments) {
      return generated().addEnvironments(environments);
    }

    /** The kind of cluster the spec is for (kubeadm, or a managed one whose control plane the provider runs). */
    Builder clusterProfile(dev.shipshape.core.cluster.ClusterProfile profile);

    /** Applies {@code dependent} only after {@code prerequisite} is applied and ready. */
    default Builder dependsOn(ResourceRef dependent, ResourceRef prerequisite) {
      return generated().addDependencies(Dependency.of(dependent, prerequisite));
    }

    /** Adds explicit ordering edges. */
    Builder addAllDependencies(Iterable<? extends Dependency> dependencies);

    /**
     * The spec.
     *
     * @throws SpecValidationException when the name or a pre-existing namespace is not a valid name
     */
    ClusterSpec build();

    private ImmutableClusterSpec.Builder generated() {
      return (ImmutableClusterSpec.Builder) this;
    }
  }
}
