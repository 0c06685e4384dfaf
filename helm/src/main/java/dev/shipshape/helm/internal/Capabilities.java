package dev.shipshape.helm.internal;

import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.versions.ApiDeprecation;
import dev.shipshape.core.versions.ApiDeprecations;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a chart's templates see in {@code .Capabilities} for the spec's target Kubernetes version, as {@code helm
 * template --kube-version V --api-versions A} would give it. The bundled library's {@code template} takes neither
 * flag (its templates always see Kubernetes v1.20.0), so the private copy of a chart gets the target written into
 * its templates instead: inside template actions, {@code .Capabilities.KubeVersion} (and its {@code Version},
 * {@code GitVersion}, {@code Major} and {@code Minor}) become the target's strings, and {@code
 * .Capabilities.APIVersions.Has "x"} becomes {@code (has "x" (list …))} over the target's API versions.
 *
 * <p>The target's API versions are Helm's own default set (every group/version its Kubernetes client knows) less
 * the group/versions whose every kind the Kubernetes deprecation guide lists as removed by the target, plus the
 * chart's {@code apiVersions}. Other forms (a {@code Has} of a variable, {@code .Capabilities.APIVersions} passed
 * on) keep Helm's defaults; {@link #unrewritten} finds them so a note can say so.
 */
final class Capabilities {
  private static final Pattern ACTION = Pattern.compile("\\{\\{.*?}}", Pattern.DOTALL);
  private static final String OWNER = "(?:\\$[A-Za-z0-9_]*)?(?:\\.[A-Za-z_][A-Za-z0-9_]*)*";
  private static final Pattern KUBE_VERSION = Pattern.compile(OWNER
      + "\\.Capabilities\\.KubeVersion(?:\\.(Version|GitVersion|Major|Minor))?(?![A-Za-z0-9_.])");
  private static final Pattern HAS = Pattern.compile(OWNER
      + "\\.Capabilities\\.APIVersions\\.Has\\s+(\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`)");
  private static final Pattern LEFT = Pattern.compile("Capabilities\\.(KubeVersion|APIVersions)");

  private final KubernetesVersion target;
  private final List<String> apiVersions;

  private Capabilities(KubernetesVersion target, List<String> apiVersions) {
    this.target = target;
    this.apiVersions = apiVersions;
  }

  /** The capabilities of {@code target} with Helm's default API versions and the chart's extra ones. */
  static Capabilities of(KubernetesVersion target, List<String> helmDefaults, List<String> extra) {
    Map<String, List<ApiDeprecation>> byGroupVersion = ApiDeprecations.bundled().all().stream()
        .collect(Collectors.groupingBy(ApiDeprecation::apiVersion));
    Set<String> versions = new LinkedHashSet<>();
    for (String gv : helmDefaults) {
      List<ApiDeprecation> kinds = byGroupVersion.getOrDefault(gv, List.of());
      boolean removed = !kinds.isEmpty() && kinds.stream().allMatch(d -> d.removedBy(target));
      if (!removed) versions.add(gv);
    }
    versions.addAll(extra);
    return new Capabilities(target, List.copyOf(versions));
  }

  /** {@code v1.33.0}: Helm's {@code .Capabilities.KubeVersion.Version}, and how the chart's kubeVersion is checked. */
  String kubeVersion() {
    return "v" + target.major() + "." + target.minor() + ".0";
  }

  List<String> apiVersions() {
    return apiVersions;
  }

  /** The template text with the target written in for every form this class knows. */
  String rewrite(String template) {
    Matcher action = ACTION.matcher(template);
    StringBuilder out = new StringBuilder();
    while (action.find()) {
      action.appendReplacement(out, Matcher.quoteReplacement(rewriteAction(action.group())));
    }
    action.appendTail(out);
    return out.toString();
  }

  private String rewriteAction(String action) {
    Matcher kube = KUBE_VERSION.matcher(action);
    StringBuilder once = new StringBuilder();
    while (kube.find()) kube.appendReplacement(once, Matcher.quoteReplacement(quote(kubeVersionField(kube.group(1)))));
    kube.appendTail(once);
    Matcher has = HAS.matcher(once);
    StringBuilder twice = new StringBuilder();
    while (has.find()) {
      has.appendReplacement(twice, Matcher.quoteReplacement("(has " + has.group(1) + " " + list() + ")"));
    }
    has.appendTail(twice);
    return twice.toString();
  }

  /** Uses of {@code .Capabilities.KubeVersion} or {@code .APIVersions} that {@link #rewrite} left as they were. */
  static boolean unrewritten(String rewrittenTemplate) {
    Matcher action = ACTION.matcher(rewrittenTemplate);
    while (action.find()) {
      if (LEFT.matcher(action.group()).find()) return true;
    }
    return false;
  }

  /** Helm's KubeVersion prints as its Version; GitVersion equals it; Major and Minor are the numbers as strings. */
  private String kubeVersionField(String field) {
    if ("Major".equals(field)) return String.valueOf(target.major());
    if ("Minor".equals(field)) return String.valueOf(target.minor());
    return kubeVersion();
  }

  private String list() {
    List<String> quoted = new ArrayList<>();
    apiVersions.forEach(v -> quoted.add(quote(v)));
    return "(list " + String.join(" ", quoted) + ")";
  }

  /** A Go template string literal. */
  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
