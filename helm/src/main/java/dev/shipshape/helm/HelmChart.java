package dev.shipshape.helm;

import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.DeletePolicy;
import dev.shipshape.core.Dependency;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.step.ExternalStep;
import dev.shipshape.core.versions.SupportWindow;
import dev.shipshape.helm.internal.ChartChecks;
import dev.shipshape.helm.internal.ChartRenderer;
import dev.shipshape.helm.internal.Hooks;
import dev.shipshape.helm.internal.RenderedChart;
import dev.shipshape.helm.internal.ScopeChecks;
import dev.shipshape.helm.internal.SetParser;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.immutables.value.Value;

/**
 * A Helm chart as a component of a spec. By default ({@link ReleaseMode#RENDERED}) the chart is rendered with the
 * Helm library that helm-java bundles — offline, as {@code helm template} renders it — and its objects join the
 * plan like any other: Namespaces and CRDs first (the chart's {@code crds/} folder, unless {@code includeCrds(false)}),
 * the spec's common labels and amendments, validation, diff, server-side apply and prune.
 *
 * <p>Hooks ({@code helm.sh/hook}) become ordering inside the component: {@code pre-install}/{@code pre-upgrade}
 * objects come before the chart's other objects, by {@code helm.sh/hook-weight}, {@code post-install}/{@code
 * post-upgrade} ones after; {@code test} hooks are left out unless {@code includeTests(true)}, delete and rollback
 * hooks always (a spec never uninstalls or rolls back). Objects without a namespace get the release namespace, as
 * {@code helm install} would place them.
 *
 * <p>Values come from maps, files and {@code --set} expressions ({@link ValueLayer}); a chart's {@code
 * values.schema.json} is enforced by Helm, and every violation is reported by {@code plan()} with its value path.
 * Rendering happens once per instance and target version: the same chart and values always give the same objects.
 * Templates see the spec's target version in {@code .Capabilities.KubeVersion} and its API versions in {@code
 * .Capabilities.APIVersions}, and Chart.yaml's {@code kubeVersion} is checked against it.
 *
 * <pre>{@code
 * HelmChart.directory(Path.of("charts/ingress"))
 *     .release("ingress").namespace("ingress-nginx")
 *     .values(Map.of("replicaCount", 2))
 *     .set("controller.metrics.enabled", true)
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ShipshapeStyle
public abstract class HelmChart implements Component {

  public abstract ChartSource source();

  /** The release name: {@code .Release.Name} in the templates. */
  public abstract String release();

  /** The release namespace: {@code .Release.Namespace}, and the namespace of objects that set none. By default, default. */
  @Value.Default
  public String namespace() {
    return "default";
  }

  /** The component name; by default {@code helm-<release>}. */
  @Override
  @Value.Default
  public String name() {
    return "helm-" + release();
  }

  /** Value sources in the order given; see {@link ValueLayer} for how Helm merges them. */
  public abstract List<ValueLayer> valueLayers();

  /** Whether the chart's {@code crds/} folder joins the plan. By default, true, as {@code helm install} does. */
  @Value.Default
  public boolean includeCrds() {
    return true;
  }

  /** Whether {@code test} hooks join the plan (after everything else). By default, false. */
  @Value.Default
  public boolean includeTests() {
    return false;
  }

  /**
   * API versions the templates' {@code .Capabilities.APIVersions.Has} finds besides the target version's own, as
   * {@code helm template --api-versions}: {@code monitoring.coreos.com/v1} or {@code
   * monitoring.coreos.com/v1/ServiceMonitor}. By default, none.
   */
  public abstract List<String> apiVersions();

  /**
   * Custom kinds, as {@code Kind.group} ({@code ClusterIssuer.cert-manager.io}), whose objects are cluster-scoped
   * though no CRD of the chart says so: their CRD comes from elsewhere (another component, a RequiredCrd, the
   * cluster). {@code helm install} asks the cluster whether a kind is namespaced; offline, an object that sets no
   * namespace gets the release namespace unless its kind is built in and cluster-scoped, declared {@code scope:
   * Cluster} by a CRD of the chart, or listed here. By default, none: custom kinds are taken to be namespaced, and
   * {@code plan()} reports an object this put in the release namespace whose CRD in the spec says {@code scope:
   * Cluster}.
   */
  public abstract List<String> clusterScopedKinds();

  /** Whether an OCI registry is spoken to over plain HTTP, as {@code helm --plain-http}. By default, false. */
  @Value.Default
  public boolean plainHttp() {
    return false;
  }

  /** By default, {@link ReleaseMode#RENDERED}. */
  @Value.Default
  public ReleaseMode mode() {
    return ReleaseMode.RENDERED;
  }

  /**
   * Objects of the spec that must be applied, and ready, before this chart: before its objects, or before Helm
   * installs its release. By default, none.
   */
  @Override
  public abstract List<ResourceRef> dependsOn();

  /**
   * For a {@link ReleaseMode#RELEASED released} chart, objects of the spec that wait until Helm has installed or
   * upgraded the release. By default, none. A rendered chart's objects are ordered with {@code ClusterSpec}
   * dependencies instead.
   */
  public abstract List<ResourceRef> requiredBy();

  public static Builder builder() {
    return ImmutableHelmChart.builder();
  }

  /** A chart from an unpacked chart directory. */
  public static Builder directory(Path directory) {
    return builder().source(ChartSource.directory(directory));
  }

  /** A packaged chart ({@code .tgz}). */
  public static Builder archive(Path tgz) {
    return builder().source(ChartSource.archive(tgz));
  }

  /** A chart of a chart repository, pinned to one version. */
  public static Builder repository(String url, String chart, String version) {
    return builder().source(ChartSource.repository(url, chart, version));
  }

  /** A chart of an OCI registry, pinned to one version. */
  public static Builder oci(String reference, String version) {
    return builder().source(ChartSource.oci(reference, version));
  }

  /** Renders, by target version: the same chart and values always give the same objects. */
  private final Map<KubernetesVersion, RenderedChart> renders = new ConcurrentHashMap<>();
  /** Renders placed again for the custom kinds that the spec's CRDs declare cluster-scoped, by version and kinds. */
  private final Map<Placement, RenderedChart> placedBySpec = new ConcurrentHashMap<>();

  /** A render's target version and the custom kinds the spec's CRDs declare cluster-scoped. */
  private record Placement(KubernetesVersion target, Set<String> clusterScoped) {}

  /** The chart rendered for the newest Kubernetes version the SDK knows, the default target of a spec. */
  RenderedChart rendered() {
    return rendered(SupportWindow.NEWEST_KNOWN);
  }

  /** The chart rendered for {@code target} (once per instance); problems as a validation exception. */
  RenderedChart rendered(KubernetesVersion target) {
    return renders.computeIfAbsent(target, t -> {
      List<Problem> problems = ChartChecks.beforeRendering(this);
      if (!problems.isEmpty()) throw new SpecValidationException("HelmChart " + name(), problems);
      return ChartRenderer.render(this, t);
    });
  }

  /**
   * What rendering for the newest Kubernetes version the SDK knows left out of the plan and why: delete and
   * rollback hooks, test hooks unless asked, templates that read {@code .Capabilities} in a form that cannot be
   * given the target version. Renders the chart if it was not yet.
   */
  public List<String> renderNotes() {
    return renderNotes(SupportWindow.NEWEST_KNOWN);
  }

  /** Like {@link #renderNotes()}, for the spec's target version {@code target}. */
  public List<String> renderNotes(KubernetesVersion target) {
    return mode() == ReleaseMode.RELEASED ? List.of() : rendered(target).notes();
  }

  /**
   * The chart's objects in install order, rendered for the spec's target version (templates see it in {@code
   * .Capabilities}, and Chart.yaml's {@code kubeVersion} is checked against it): CRDs, pre-install hooks by weight,
   * the chart's objects, post-install hooks; none for {@link ReleaseMode#RELEASED}. An object that sets no namespace
   * gets none when the context says its kind is cluster-scoped (a CRD elsewhere in the spec), as {@code helm install}
   * places it by the cluster's REST mapping. A null context renders for the newest version the SDK knows.
   */
  @Override
  public List<HasMetadata> compile(CompileContext context) {
    if (mode() == ReleaseMode.RELEASED) return List.of();
    if (context == null) return rendered(SupportWindow.NEWEST_KNOWN).objectsInOrder();
    RenderedChart rendered = rendered(context.kubernetesVersion());
    Set<String> clusterScoped = rendered.kindsTakenToBeNamespaced().stream().filter(context::isClusterScoped)
        .collect(Collectors.toCollection(TreeSet::new));
    if (clusterScoped.isEmpty()) return rendered.objectsInOrder();
    return placedBySpec.computeIfAbsent(new Placement(context.kubernetesVersion(), clusterScoped),
        key -> rendered.withClusterScoped(clusterScoped)).objectsInOrder();
  }

  /**
   * For a {@link ReleaseMode#RELEASED released} chart, the one step that installs or upgrades its release: after the
   * release namespace (when the spec creates it) and {@link #dependsOn()}, before {@link #requiredBy()}. The chart is
   * rendered offline first, so that its values are checked against its {@code values.schema.json} at plan time.
   * None for a rendered chart.
   */
  @Override
  public List<ExternalStep> externalSteps(CompileContext context) {
    if (mode() != ReleaseMode.RELEASED) return List.of();
    // Rendered offline once, so that plan() reports what Helm would refuse (values schema, kubeVersion, templates)
    // before any release is touched.
    rendered(context == null ? SupportWindow.NEWEST_KNOWN : context.kubernetesVersion());
    return List.of(new ReleaseStep(this));
  }

  /**
   * Every object of an install-order group (CRDs, each hook weight, the chart's objects, …) after every object of
   * the group before it, so {@code pre-install} hooks are applied, and ready, before the chart's objects.
   */
  @Override
  public List<Dependency> orderingEdges(List<HasMetadata> compiled) {
    if (mode() == ReleaseMode.RELEASED) return List.of();
    Set<ResourceRef> refs = compiled.stream().map(ResourceRef::of).collect(Collectors.toSet());
    List<List<HasMetadata>> groups = Stream.concat(renders.values().stream(),
            placedBySpec.values().stream()).filter(r -> r.refs().equals(refs)).findFirst()
        .map(RenderedChart::groups).orElse(List.of());
    List<Dependency> edges = new ArrayList<>();
    for (int g = 1; g < groups.size(); g++) {
      for (HasMetadata dependent : groups.get(g)) {
        for (HasMetadata prerequisite : groups.get(g - 1)) {
          edges.add(Dependency.of(ResourceRef.of(dependent), ResourceRef.of(prerequisite)));
        }
      }
    }
    return edges;
  }

  /**
   * The hooks' {@code helm.sh/hook-delete-policy}, which the executor acts on: {@code before-hook-creation} (also
   * what a hook without the annotation gets, as in Helm) deletes an existing hook object before it is applied again,
   * {@code hook-succeeded} deletes it once ready (a Job complete), {@code hook-failed} when it did not get ready.
   */
  @Override
  public List<DeletePolicy> deletePolicies(List<HasMetadata> compiled) {
    return mode() == ReleaseMode.RELEASED ? List.of() : Hooks.deletePolicies(compiled);
  }

  /**
   * The kinds this chart was told are cluster-scoped that a CRD of the spec declares namespaced: Helm would place
   * their objects as the CRD says. A warning when the chart's hooks had to be rendered apart from its other objects
   * and its templates generate random values, which then differ between the two.
   */
  @Override
  public List<Problem> validate(SpecContext context) {
    if (mode() == ReleaseMode.RELEASED) return List.of();
    RenderedChart rendered;
    try {
      rendered = rendered(context.kubernetesVersion());
    } catch (SpecValidationException e) {
      // Reported where the chart was compiled.
      return List.of();
    }
    List<Problem> problems = new ArrayList<>(rendered.warnings());
    problems.addAll(ScopeChecks.problems(this, context.resources("apiextensions.k8s.io", "CustomResourceDefinition")));
    return problems;
  }

  /** Builds a {@link HelmChart}: a source and a release name are required. */
  public interface Builder {
    Builder source(ChartSource source);

    Builder release(String release);

    Builder namespace(String namespace);

    Builder name(String componentName);

    Builder addValueLayers(ValueLayer layer);

    Builder includeCrds(boolean include);

    Builder includeTests(boolean include);

    Builder mode(ReleaseMode mode);

    /** A custom kind, {@code Kind.group}, whose objects are cluster-scoped though no CRD of the chart says so. */
    Builder addClusterScopedKinds(String kind);

    /** An API version for {@code .Capabilities.APIVersions}, as {@code helm template --api-versions}. */
    Builder addApiVersions(String apiVersion);

    Builder plainHttp(boolean plainHttp);

    /** An object of the spec applied, and ready, before this chart. */
    Builder addDependsOn(ResourceRef prerequisite);

    /** For a released chart: an object of the spec that waits until the release is installed or upgraded. */
    Builder addRequiredBy(ResourceRef dependent);

    /** Values from a map, merged over the chart's defaults and earlier layers. */
    default Builder values(Map<String, ?> values) {
      return addValueLayers(ValueLayer.ofMap(Collections.unmodifiableMap(new LinkedHashMap<>(values))));
    }

    /** Values from a YAML file, as {@code helm install -f FILE}. */
    default Builder valuesFile(Path file) {
      return addValueLayers(ValueLayer.ofFile(file));
    }

    /**
     * Values as {@code helm install --set EXPRESSION} gives them, applied after every map and file: {@code
     * a.b=x,a.c=y} sets two keys, {@code nums={1,2}} a list, {@code hosts[0].name=x} an item; {@code \,}, {@code \.}
     * and {@code \\} are a literal comma, dot and backslash; {@code true}, {@code false}, {@code null} (which deletes
     * the key from the chart's defaults) and integers are typed as Helm types them.
     */
    default Builder set(String expression) {
      return addValueLayers(ValueLayer.ofSet(expression));
    }

    /**
     * One value at a path, as {@code helm install --set path=value} with the value's commas, braces and backslashes
     * escaped: the value's text is one scalar (a password with a comma stays whole), typed as Helm types a scalar
     * ({@code true}, {@code 80}, {@code null}); the path is read as in {@link #set(String)}.
     */
    default Builder set(String path, Object value) {
      return set(path + "=" + SetParser.literal(String.valueOf(value)));
    }

    /** Values as {@code helm install --set-string EXPRESSION}: as {@link #set(String)}, every value a string. */
    default Builder setString(String expression) {
      return addValueLayers(ValueLayer.ofStringSet(expression));
    }

    /**
     * A secret value at a path, as {@link #set(String, Object)} (one scalar, whatever it holds), hidden from a
     * released chart's results and errors, and never quoted by a problem with the expression.
     */
    default Builder setSecret(String path, Object value) {
      return addValueLayers(ValueLayer.ofSecretSet(path + "=" + SetParser.literal(String.valueOf(value))));
    }

    HelmChart build();
  }
}
