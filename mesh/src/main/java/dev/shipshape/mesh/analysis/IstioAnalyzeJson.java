package dev.shipshape.mesh.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.FindingReport;

/**
 * Renders a mesh analysis as {@code istioctl analyze -o json} prints it, so that tools built for it keep working: a
 * JSON array of messages, each with {@code code} ({@code IST0101}), {@code level} ({@code Error}), {@code message},
 * {@code origin} ({@code VirtualService default/reviews}), plus the findings model's {@code ruleId},
 * {@code severity}, {@code field} and {@code remediation}.
 */
public final class IstioAnalyzeJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private IstioAnalyzeJson() {}

  /** The JSON array of a report's findings that carry an Istio code. */
  public static String render(FindingReport report) {
    ArrayNode array = JSON.createArrayNode();
    for (Finding f : report.findings()) {
      IstioMessage type = f.equivalents().stream().map(IstioMessage::find).flatMap(java.util.Optional::stream)
          .findFirst().orElse(null);
      if (type == null) continue;
      ObjectNode m = array.addObject();
      m.put("code", type.code());
      m.put("level", type.level().label());
      m.put("message", f.message());
      m.put("origin", origin(f));
      m.put("ruleId", f.ruleId());
      m.put("severity", f.severity().label());
      f.field().ifPresent(v -> m.put("field", v));
      f.remediation().ifPresent(v -> m.put("remediation", v));
    }
    try {
      return JSON.writeValueAsString(array);
    } catch (Exception e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  /** {@code Kind namespace/name}, or {@code Kind name} for objects without namespace, as Istio prints an origin. */
  public static String origin(Finding finding) {
    return finding.resource().map(IstioAnalyzeJson::origin).orElse("");
  }

  static String origin(ResourceRef ref) {
    return ref.kind() + " " + ref.qualifiedName();
  }
}
