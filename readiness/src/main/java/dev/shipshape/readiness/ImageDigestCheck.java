package dev.shipshape.readiness;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.Workloads;
import dev.shipshape.core.findings.FindingRule;
import dev.shipshape.core.findings.Severity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Images pinned by a tag but not by a digest: a tag can be pushed again, so two nodes may run different code under
 * the same spec. Images without a tag or with {@code latest} are the security audit's {@code image-tag-missing};
 * this rule leaves them to it.
 */
final class ImageDigestCheck {
  static final FindingRule RULE = Outcome.rule("image-without-digest", Severity.LOW,
      "an image is pinned by tag only, and a tag can be moved to other content",
      "pin the image by digest (repository:tag@sha256:…), as a release pipeline resolves it");

  private ImageDigestCheck() {}

  static void run(ReadinessInput input, Outcome out) {
    out.rule(RULE);
    for (HasMetadata o : input.objects()) {
      var template = Workloads.podTemplate(o);
      if (template.isEmpty()) continue;
      ResourceRef ref = ResourceRef.of(o);
      PodSpec spec = template.get().getSpec();
      String path = Workloads.podSpecPath(ref.kind());
      check(out, ref, path + ".containers", spec.getContainers());
      check(out, ref, path + ".initContainers", spec.getInitContainers());
    }
  }

  private static void check(Outcome out, ResourceRef ref, String path, List<Container> containers) {
    List<Container> list = containers == null ? List.of() : new ArrayList<>(containers);
    for (int i = 0; i < list.size(); i++) {
      String image = list.get(i).getImage() == null ? "" : list.get(i).getImage();
      out.checked(RULE);
      if (taggedWithoutDigest(image)) {
        out.fail(RULE, ref, path + "[" + i + "].image", "container '" + list.get(i).getName() + "' image '" + image
            + "' has a tag but no digest");
      }
    }
  }

  /** A tag other than {@code latest}, and no digest. */
  static boolean taggedWithoutDigest(String image) {
    if (image.isEmpty() || image.contains("@")) return false;
    int colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/') && !image.substring(colon + 1).equals("latest");
  }
}
