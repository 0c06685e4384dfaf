package dev.shipshape.readiness;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The add-ons whose installed version {@link ProductionReadiness} recognises on a live cluster and compares with
 * the version the spec expects: from the image tag of their Deployment's container, else from their CRDs.
 */
public enum AddOn {
  /** Velero: image {@code velero/velero}; its CRDs ({@code velero.io}) carry no version. */
  VELERO("velero", "Velero", "velero/velero", "velero.io", ""),
  /**
   * Istio: istiod's image ({@code istio/pilot}, also from mirrors such as {@code gcr.io/istio-release/pilot}),
   * else the {@code app.kubernetes.io/version} label of its CRDs ({@code *.istio.io}).
   */
  ISTIO("istio", "Istio", "/pilot", "istio.io", ""),
  /**
   * The Prometheus Operator: image {@code prometheus-operator/prometheus-operator}, else the
   * {@code operator.prometheus.io/version} annotation of its CRDs ({@code monitoring.coreos.com}).
   */
  PROMETHEUS_OPERATOR("prometheus-operator", "Prometheus Operator", "prometheus-operator/prometheus-operator",
      "monitoring.coreos.com", "operator.prometheus.io/version");

  private final String id;
  private final String displayName;
  private final String imageSuffix;
  private final String crdGroup;
  private final String crdVersionAnnotation;

  AddOn(String id, String displayName, String imageSuffix, String crdGroup, String crdVersionAnnotation) {
    this.id = id;
    this.displayName = displayName;
    this.imageSuffix = imageSuffix;
    this.crdGroup = crdGroup;
    this.crdVersionAnnotation = crdVersionAnnotation;
  }

  /** A stable id, such as {@code prometheus-operator}. */
  public String id() {
    return id;
  }

  /** The name people use, such as {@code Prometheus Operator}. */
  public String displayName() {
    return displayName;
  }

  /** True when an image repository (without registry tag or digest) is this add-on's. */
  public boolean isImage(String repository) {
    String path = repository.toLowerCase(Locale.ROOT);
    return imageSuffix.startsWith("/") ? path.endsWith(imageSuffix) && path.contains("istio")
        : path.equals(imageSuffix) || path.endsWith("/" + imageSuffix);
  }

  /** True when a CRD of this API group (or a subgroup of it, such as {@code networking.istio.io}) is this add-on's. */
  public boolean isCrdGroup(String group) {
    return group.equals(crdGroup) || group.endsWith("." + crdGroup);
  }

  /** The CRD annotation holding the add-on's version; empty when its CRDs have none. */
  public Optional<String> crdVersionAnnotation() {
    return crdVersionAnnotation.isEmpty() ? Optional.empty() : Optional.of(crdVersionAnnotation);
  }

  /** The add-on of an id such as {@code velero}, in any letter case. */
  public static Optional<AddOn> ofId(String id) {
    return Arrays.stream(values()).filter(a -> a.id.equalsIgnoreCase(id.trim())).findFirst();
  }
}
