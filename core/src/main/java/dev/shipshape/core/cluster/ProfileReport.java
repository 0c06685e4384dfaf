package dev.shipshape.core.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.RenderableReport;
import dev.shipshape.core.findings.ReportFormat;
import dev.shipshape.core.findings.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where a cluster runs, as detected on a live cluster and declared by a spec, checked against each other: the
 * detection with its evidence, the findings (check {@code profile}: {@code cluster-profile-mismatch}, {@code
 * cluster-profile-undeclared}, {@code cluster-profile-unknown} from {@link ProfileDetection#check}, and {@code
 * provider-owned-object} from {@link ProviderOwnedObjects}), and the provider-side advice of the profile (the
 * declared one, else the detected one). Objects first; {@link #toText()}, {@link #toJson()}, and {@link
 * #toSarif()} (the findings), chosen with {@link #render(ReportFormat)}.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class ProfileReport implements RenderableReport {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The detection on a live cluster; empty when no cluster was read. */
  public abstract Optional<ProfileDetection> detection();

  /** Whether a spec was checked. */
  public abstract boolean specChecked();

  /** The profile the spec declares; empty without a spec or when it declares none. */
  public abstract Optional<ClusterProfile> declared();

  public abstract FindingReport findings();

  /** The detection of a live cluster alone: no findings, the detected profile's advice. */
  public static ProfileReport detected(ProfileDetection detection) {
    return ImmutableProfileReport.builder().detection(detection).specChecked(false)
        .findings(FindingReport.builder().check("profile").failOn(Severity.HIGH).build()).build();
  }

  /**
   * A spec's declared profile and its plan's objects, checked against {@code detection} when given: the
   * detection's check and the objects the provider owns (of the declared profile, else of the detected one).
   */
  public static ProfileReport check(Optional<ClusterProfile> declared, List<? extends HasMetadata> objects,
      Optional<ProfileDetection> detection) {
    FindingReport.Builder findings = FindingReport.builder().check("profile").failOn(Severity.HIGH)
        .addRules(ProviderOwnedObjects.RULE);
    detection.ifPresent(d -> findings.addAllFindings(d.check(declared)));
    Optional<ClusterProfile> target = declared.or(() -> detection.flatMap(ProfileDetection::profile));
    target.ifPresent(p -> findings.addAllFindings(ProviderOwnedObjects.check(p, objects)));
    if (target.isEmpty()) {
      findings.addNotes("provider-owned-object skipped: neither the spec nor a cluster names the profile");
    }
    return ImmutableProfileReport.builder().detection(detection).specChecked(true).declared(declared)
        .findings(findings.build()).build();
  }

  /** The profile the advice is for: the declared one, else the detected one. */
  public Optional<ClusterProfile> profile() {
    return declared().or(() -> detection().flatMap(ProfileDetection::profile));
  }

  /** What to set on the provider's side, one per {@link ProviderTopic}; empty when no profile is known. */
  public List<ProviderAdvice> advice() {
    return profile().map(ClusterProfile::advice).orElse(List.of());
  }

  /** This report with {@code findings} (such as the findings without excluded rules, failed at a severity). */
  public ProfileReport withFindings(FindingReport findings) {
    return ImmutableProfileReport.builder().from(this).findings(findings).build();
  }

  public boolean failed() {
    return findings().failed();
  }

  /** SARIF 2.1.0 of the findings. */
  @Override
  public String toSarif() {
    return findings().toSarif();
  }

  /** The detection and its evidence, the declared profile, the findings, then the advice. */
  @Override
  public String toText() {
    StringBuilder out = new StringBuilder();
    detection().ifPresent(d -> {
      out.append("detected: ").append(d.profile().map(ClusterProfile::displayName).orElse("no known profile"))
          .append('\n');
      d.evidence().forEach(e -> out.append("  ").append(e).append('\n'));
    });
    if (specChecked()) {
      out.append("spec: ").append(declared().map(ClusterProfile::displayName).orElse("declares no profile"))
          .append('\n');
    }
    profile().ifPresent(p -> {
      out.append("provider-side settings for ").append(p.displayName()).append(":\n");
      for (ProviderAdvice a : advice()) {
        out.append("  ").append(a.topic().title()).append(": ").append(a.setting()).append('\n')
            .append("    ").append(a.action()).append('\n')
            .append("    ").append(a.documentation()).append('\n');
      }
    });
    if (specChecked() || !findings().findings().isEmpty()) out.append(findings().toText());
    return out.toString();
  }

  /**
   * A JSON object with {@code detected} ({@code profile}, {@code evidence}) when a cluster was read, {@code
   * declared} when a spec was checked, {@code profile}, {@code advice} and the {@code findings} report's JSON.
   */
  @Override
  public String toJson() {
    ObjectNode root = MAPPER.createObjectNode().put("check", "profile");
    detection().ifPresent(d -> {
      ObjectNode detected = root.putObject("detected");
      detected.put("profile", d.profile().map(Enum::name).orElse(null));
      ArrayNode evidence = detected.putArray("evidence");
      d.evidence().forEach(evidence::add);
    });
    if (specChecked()) root.put("declared", declared().map(Enum::name).orElse(null));
    root.put("profile", profile().map(Enum::name).orElse(null));
    ArrayNode advice = root.putArray("advice");
    for (ProviderAdvice a : advice()) {
      advice.addObject().put("topic", a.topic().name()).put("title", a.topic().title())
          .put("setting", a.setting()).put("action", a.action()).put("documentation", a.documentation());
    }
    try {
      JsonNode findings = MAPPER.readTree(findings().toJson());
      root.set("findings", findings);
      root.put("failed", failed());
      return MAPPER.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return toText();
  }
}
