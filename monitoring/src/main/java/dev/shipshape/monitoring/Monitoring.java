package dev.shipshape.monitoring;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.env.EnvironmentOverride;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * Monitoring of what a spec provisions, for the Prometheus Operator ({@code monitoring.coreos.com/v1}):
 * <ul>
 *   <li>a {@code ServiceMonitor} for each Service with a metrics port, and a {@code PodMonitor} for each workload
 *       with a metrics container port that no such Service selects (ports named as in {@link #metricsPortNames});</li>
 *   <li>in each namespace with a target, a Role and RoleBinding that let Prometheus' ServiceAccount discover
 *       Services, endpoints and pods there; where the spec's NetworkPolicies would block Prometheus' scrapes
 *       (computed with the networking module's {@code ReachabilityAnalyzer}), NetworkPolicies that allow them;</li>
 *   <li>a {@code PrometheusRule} with alert rules for the pitfalls the spec can run into (see {@link Alert}), only
 *       for what the spec contains, with recording rules where alerts share an expression.</li>
 * </ul>
 *
 * <p>A component's {@code compile} sees only the spec's namespaces, so the objects are derived from the rest of
 * the spec by {@link #addTo}, which plans the spec without monitoring and returns it with this component added:
 *
 * <pre>{@code
 * ClusterSpec monitored = Monitoring.builder()
 *     .prometheusNamespace("monitoring")
 *     .threshold(Alert.PVC_FILLING_UP, 0.2)
 *     .build()
 *     .addTo(spec);
 * }</pre>
 *
 * <p>{@link #validate} checks every ServiceMonitor, PodMonitor and PrometheusRule of the spec, including those
 * written by hand: each expression parses, duplicate alert names within a group, {@code for} durations, selectors
 * that select nothing of the spec, scrapes the NetworkPolicies block, and a spec that changed since {@link #addTo};
 * the Prometheus Operator's CRDs are declared through {@link #requiredCrds}, which the planner checks.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class Monitoring implements Component {

  @Override
  @Value.Default
  public String name() {
    return "monitoring";
  }

  /** Where Prometheus runs: its rules go there, and its scrapes come from there. By default, {@code monitoring}. */
  @Value.Default
  public String prometheusNamespace() {
    return "monitoring";
  }

  /** Prometheus' ServiceAccount in {@link #prometheusNamespace}. By default, {@code prometheus-k8s}. */
  @Value.Default
  public String prometheusServiceAccount() {
    return "prometheus-k8s";
  }

  /** The labels of the Prometheus pods. By default, {@code app.kubernetes.io/name=prometheus}. */
  @Value.Default
  public Map<String, String> prometheusPodLabels() {
    return Map.of("app.kubernetes.io/name", "prometheus");
  }

  /** Labels on every generated monitor and rule, for the Prometheus resource's selectors. By default, none. */
  public abstract Map<String, String> selectorLabels();

  /** Port names that serve metrics. By default {@code metrics}, {@code http-metrics} and {@code http-monitoring}. */
  @Value.Default
  public Set<String> metricsPortNames() {
    return Set.of("metrics", "http-metrics", "http-monitoring");
  }

  /** Thresholds that replace an alert's default (see {@link Alert#defaultThreshold()}). */
  public abstract Map<Alert, Double> thresholds();

  /** {@code for} durations that replace an alert's default, in Prometheus' syntax such as {@code 30m}. */
  public abstract Map<Alert, String> forDurations();

  /** Whether to alert on the API server's and etcd's health. By default, true. */
  @Value.Default
  public boolean controlPlaneAlerts() {
    return true;
  }

  /** What {@link #addTo} derived from the spec; empty until then. */
  @Value.Auxiliary
  public abstract List<HasMetadata> generated();

  /** The threshold in force for {@code alert}. */
  public double threshold(Alert alert) {
    Double value = thresholds().get(alert);
    return value != null ? value : alert.defaultThreshold().orElse(0.0);
  }

  /** The {@code for} duration in force for {@code alert}. */
  public String forDuration(Alert alert) {
    return forDurations().getOrDefault(alert, alert.defaultFor());
  }

  public static Builder builder() {
    return ImmutableMonitoring.builder();
  }

  /**
   * Plans {@code spec} (without any Monitoring component of this name), derives the monitors, access rules and
   * alert rules from it, and returns the spec with this component, holding them, added.
   *
   * @throws SpecValidationException when {@code spec} itself does not plan
   */
  public ClusterSpec addTo(ClusterSpec spec) {
    List<Component> others = spec.components().stream().filter(c -> !c.name().equals(name()))
        .collect(Collectors.toList());
    ClusterSpec base = ClusterSpec.builder().from(spec).components(others).build();
    List<HasMetadata> objects = MonitoringGenerator.generate(this, PlanContext.of(base, base.plan()));
    Monitoring derived = ImmutableMonitoring.builder().from(this).generated(objects).build();
    return ClusterSpec.builder().from(base).component(derived).build();
  }

  /**
   * Monitoring off in an environment: its plan leaves out every monitor, rule, scrape NetworkPolicy and RBAC
   * object this component holds, and this component's checks, which are about them, are skipped there.
   *
   * <pre>{@code
   * Environment.of("laptop", monitoring.disabled());
   * }</pre>
   */
  public EnvironmentOverride disabled() {
    return new MonitoringOff(name());
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    return generated().stream().map(Manifests::copy).collect(Collectors.toList());
  }

  /** The Prometheus Operator's CRDs of the kinds this component holds, which core checks at plan time. */
  @Override
  public List<RequiredCrd> requiredCrds() {
    return generated().stream().map(HasMetadata::getKind).distinct().map(MonitoringChecks::requiredCrd)
        .flatMap(java.util.Optional::stream).collect(Collectors.toList());
  }

  @Override
  public List<Problem> validate(SpecContext context) {
    return MonitoringChecks.check(this, context);
  }

  @Value.Check
  protected void check() {
    List<Problem> problems = new ArrayList<>();
    ResourceRef self = ResourceRef.clusterScoped("monitoring.coreos.com", "Monitoring", name());
    Names.checkDns1123Label(prometheusNamespace()).forEach(p -> problems.add(Problem.error(self,
        "prometheusNamespace", "namespace '" + prometheusNamespace() + "' " + p,
        "use a namespace such as 'monitoring'")));
    forDurations().forEach((alert, text) -> {
      if (PromDuration.parse(text).isEmpty()) {
        problems.add(Problem.error(self, "forDurations." + alert.alertName(), "'" + text + "' is not a Prometheus"
            + " duration", "use whole numbers with the units y, w, d, h, m, s, ms, largest first, such as '1h30m'"));
      }
    });
    thresholds().forEach((alert, value) -> {
      if (alert.defaultThreshold().isEmpty()) {
        problems.add(Problem.error(self, "thresholds." + alert.alertName(), "alert " + alert.alertName()
            + " has no threshold (it watches " + alert.thresholdMeaning() + ")", "remove this threshold"));
      } else if (!Double.isFinite(value) || value < 0) {
        problems.add(Problem.error(self, "thresholds." + alert.alertName(), "threshold " + value + " is not a"
            + " finite number of at least 0", "give " + alert.thresholdMeaning() + ", such as "
            + alert.defaultThreshold().get()));
      }
    });
    if (!problems.isEmpty()) throw new SpecValidationException("Monitoring " + name(), problems);
  }

  @Override
  public String toString() {
    return "Monitoring(" + name() + ", " + generated().size() + " objects)";
  }

  /** Builds a {@link Monitoring}; every attribute has a default. */
  public interface Builder {
    Builder from(Monitoring instance);

    Builder name(String name);

    Builder prometheusNamespace(String namespace);

    Builder prometheusServiceAccount(String serviceAccount);

    Builder prometheusPodLabels(Map<String, ? extends String> labels);

    Builder putSelectorLabels(String key, String value);

    Builder metricsPortNames(Iterable<String> names);

    Builder putThresholds(Alert alert, double value);

    Builder putForDurations(Alert alert, String duration);

    Builder controlPlaneAlerts(boolean enabled);

    Builder generated(Iterable<? extends HasMetadata> objects);

    /** Replaces the default threshold of {@code alert}. */
    default Builder threshold(Alert alert, double value) {
      return putThresholds(alert, value);
    }

    /** Replaces the default {@code for} duration of {@code alert}. */
    default Builder forDuration(Alert alert, String duration) {
      return putForDurations(alert, duration);
    }

    Monitoring build();
  }
}
