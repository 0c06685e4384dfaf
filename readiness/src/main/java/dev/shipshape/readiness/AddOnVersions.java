package dev.shipshape.readiness;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.findings.FindingRule;
import dev.shipshape.core.findings.Severity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the installed version of each {@link AddOn} among objects (a live cluster's Deployments and CRDs, or a
 * spec's Deployments for what it expects), and compares installed with expected versions.
 */
final class AddOnVersions {
  static final FindingRule RULE = Outcome.rule("add-on-version", Severity.MEDIUM,
      "an installed add-on's version differs from the version the spec expects",
      "upgrade (or roll back) the add-on to the version the spec expects, or update the spec");
  private static final Pattern VERSION = Pattern.compile("^v?(\\d+(?:\\.\\d+){0,2})");
  private static final String VERSION_LABEL = "app.kubernetes.io/version";

  /** A recognised version and where it was read. */
  static final class Found {
    final String version;
    final ResourceRef source;
    final String how;

    Found(String version, ResourceRef source, String how) {
      this.version = version;
      this.source = source;
      this.how = how;
    }
  }

  private AddOnVersions() {}

  /** The version of each add-on recognised among {@code objects}: Deployment images first, then CRDs. */
  static Map<AddOn, Found> find(List<? extends HasMetadata> objects) {
    Map<AddOn, Found> found = new EnumMap<>(AddOn.class);
    for (HasMetadata o : objects) {
      ResourceRef ref = ResourceRef.of(o);
      if (!ref.kind().equals("Deployment") || !ref.group().equals("apps")) continue;
      Deployment d = Manifests.convert(o, Deployment.class);
      if (d.getSpec() == null || d.getSpec().getTemplate() == null || d.getSpec().getTemplate().getSpec() == null) {
        continue;
      }
      for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
        String image = c.getImage() == null ? "" : c.getImage();
        for (AddOn a : AddOn.values()) {
          if (found.containsKey(a) || !a.isImage(repository(image))) continue;
          tag(image).flatMap(AddOnVersions::version).ifPresent(v -> found.put(a, new Found(v, ref, "image " + image)));
        }
      }
    }
    for (HasMetadata o : objects) {
      ResourceRef ref = ResourceRef.of(o);
      if (!ref.kind().equals("CustomResourceDefinition")) continue;
      String group = Manifests.toTree(o).path("spec").path("group").asText("");
      for (AddOn a : AddOn.values()) {
        if (found.containsKey(a) || !a.isCrdGroup(group)) continue;
        Map<String, String> annotations = o.getMetadata().getAnnotations();
        Map<String, String> labels = o.getMetadata().getLabels();
        Optional<String> key = a.crdVersionAnnotation();
        if (key.isPresent() && annotations != null && annotations.containsKey(key.get())) {
          String how = "annotation " + key.get();
          version(annotations.get(key.get())).ifPresent(v -> found.put(a, new Found(v, ref, how)));
        } else if (labels != null && labels.containsKey(VERSION_LABEL)) {
          String how = "label " + VERSION_LABEL;
          version(labels.get(VERSION_LABEL)).ifPresent(v -> found.put(a, new Found(v, ref, how)));
        }
      }
    }
    return found;
  }

  /**
   * Compares what is installed with what is expected: a match or no expectation is INFO, an older installed
   * version MEDIUM, a newer one LOW, an expected add-on that is not installed MEDIUM.
   */
  static void compare(Map<AddOn, Found> installed, Map<AddOn, String> expected, Outcome out) {
    out.rule(RULE);
    for (AddOn a : AddOn.values()) {
      Found found = installed.get(a);
      String want = expected.get(a);
      if (found == null && want == null) continue;
      out.checked(RULE);
      String name = a.displayName();
      if (found == null) {
        out.fail(RULE, Severity.MEDIUM, null, null, "the spec expects " + name + " " + want + ", but the cluster"
            + " has no " + name + " this check recognises (no Deployment with its image, no CRD with its version)");
        continue;
      }
      String what = name + " " + found.version + " is installed (" + found.how + ")";
      if (want == null) {
        out.fail(RULE, Severity.INFO, found.source, null, what + "; the spec expects no version");
        continue;
      }
      int c = compare(found.version, want);
      if (c == 0) {
        out.fail(RULE, Severity.INFO, found.source, null, what + ", as the spec expects (" + want + ")");
      } else {
        out.fail(RULE, c < 0 ? Severity.MEDIUM : Severity.LOW, found.source, null, what + ", but the spec expects "
            + want + (c < 0 ? ": the cluster runs an older version" : ": the cluster runs a newer version"));
      }
    }
  }

  /**
   * Compares versions on the parts both give: {@code 1.16} matches {@code 1.16.2}; otherwise numerically, part by
   * part.
   */
  static int compare(String installed, String expected) {
    String[] a = installed.split("\\.");
    String[] b = expected.split("\\.");
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      int c = Integer.compare(Integer.parseInt(a[i]), Integer.parseInt(b[i]));
      if (c != 0) return c;
    }
    return 0;
  }

  /** The leading {@code major.minor.patch} of a tag or label such as {@code v1.16.0-distroless}. */
  static Optional<String> version(String text) {
    Matcher m = VERSION.matcher(text.trim());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static String repository(String image) {
    String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int colon = name.lastIndexOf(':');
    return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
  }

  private static Optional<String> tag(String image) {
    String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int colon = name.lastIndexOf(':');
    return colon > name.lastIndexOf('/') ? Optional.of(name.substring(colon + 1)) : Optional.empty();
  }
}
