package dev.shipshape.security.etcd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.security.internal.Json;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What an etcd client endpoint gives away to anyone who can reach it. An etcd that answers without TLS, or with TLS
 * but without asking for a client certificate, and lets keys be read, hands out every Secret of the cluster.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class EtcdExposure {
  private static final String FIX = "serve clients only over TLS with --client-cert-auth=true and"
      + " --trusted-ca-file, listen on private addresses only, and firewall port 2379 to the API servers";

  /** {@code host:port}. */
  public abstract String endpoint();

  /** What the endpoint looked like from the network. */
  public abstract EtcdEndpointState state();

  /** True when etcd answered plain HTTP. */
  public boolean answersWithoutTls() {
    return state() == EtcdEndpointState.PLAINTEXT_OPEN;
  }

  /** True when etcd completed a TLS handshake and answered without a client certificate. */
  public boolean answersTlsWithoutClientCertificate() {
    return state() == EtcdEndpointState.TLS_WITHOUT_CLIENT_AUTH;
  }

  /** True when a range request over all keys succeeded without credentials. */
  public abstract boolean keysReadable();

  /** The number of keys readable without credentials, when they are. */
  public abstract Optional<Long> readableKeyCount();

  /** The etcd server version reported by {@code /version}, when it answered. */
  public abstract Optional<String> serverVersion();

  public static Builder builder() {
    return ImmutableEtcdExposure.builder();
  }

  /** True when etcd answered anything without a client certificate. */
  public boolean reachableWithoutClientCertificate() {
    return answersWithoutTls() || answersTlsWithoutClientCertificate();
  }

  /** {@code CRITICAL} when keys are readable, {@code HIGH} when it answers without a client certificate. */
  public Optional<Severity> severity() {
    if (keysReadable()) return Optional.of(Severity.CRITICAL);
    return reachableWithoutClientCertificate() ? Optional.of(Severity.HIGH) : Optional.empty();
  }

  /**
   * The exposure as a report of check {@code etcd exposure}: a {@link Severity#CRITICAL} {@code etcd-keys-readable}
   * finding when keys are readable, else a {@link Severity#HIGH} {@code etcd-no-client-certificate} one when etcd
   * answers without a client certificate, an {@link Severity#INFO} {@code etcd-not-verified} one when the endpoint
   * could not be reached or recognised (never counted as protected), else none.
   */
  public FindingReport toReport() {
    FindingReport.Builder report = FindingReport.builder().check("etcd exposure").failOn(Severity.HIGH);
    if (state().unverified()) {
      report.addFindings(Finding.builder().ruleId("etcd-not-verified").severity(Severity.INFO)
          .message("etcd " + endpoint() + " could not be checked: " + unverifiedReason())
          .remediation("run the check from where an attacker would be (the nodes' network), with the address and"
              + " port etcd serves clients on")
          .build());
    }
    severity().ifPresent(s -> {
      String how = answersWithoutTls() ? "answers plain HTTP without TLS" : "answers over TLS without a client"
          + " certificate";
      report.addFindings(Finding.builder()
          .ruleId(keysReadable() ? "etcd-keys-readable" : "etcd-no-client-certificate").severity(s)
          .message("etcd " + endpoint() + " " + how + (keysReadable() ? " and lets anyone read its keys ("
              + readableKeyCount().orElse(0L) + " keys), including every Secret of the cluster" : ""))
          .remediation(FIX).addEquivalents("cis:2.1", "cis:2.2").build());
    });
    return report.build();
  }

  /** One paragraph for people, with what to do. */
  public String toText() {
    StringBuilder text = new StringBuilder("etcd ").append(endpoint()).append(": ");
    if (state().unverified()) {
      return text.append("not verified: ").append(unverifiedReason()).append('\n').toString();
    }
    if (severity().isEmpty()) {
      return text.append("requires a client certificate (no answer without one)\n").toString();
    }
    text.append(severity().get().name()).append('\n');
    if (answersWithoutTls()) text.append("  answers plain HTTP without TLS\n");
    if (answersTlsWithoutClientCertificate()) text.append("  answers over TLS without a client certificate\n");
    if (keysReadable()) {
      text.append("  lets anyone read its keys (").append(readableKeyCount().orElse(0L))
          .append(" keys), including every Secret of the cluster\n");
    }
    return text.append("  fix: ").append(FIX).append('\n').toString();
  }

  private String unverifiedReason() {
    switch (state()) {
      case CLOSED:
        return "connection refused (nothing listens there)";
      case FILTERED:
        return "no answer to the connection within the timeout (filtered or unreachable)";
      default:
        return "it accepted the connection but answered neither as etcd over HTTP nor with a TLS handshake";
    }
  }

  /** The exposure as JSON, without any key or value. */
  public String toJson() {
    ObjectNode root = Json.object();
    root.put("endpoint", endpoint());
    root.put("state", state().name());
    root.put("answersWithoutTls", answersWithoutTls());
    root.put("answersTlsWithoutClientCertificate", answersTlsWithoutClientCertificate());
    root.put("keysReadable", keysReadable());
    readableKeyCount().ifPresent(c -> root.put("readableKeyCount", c));
    serverVersion().ifPresent(v -> root.put("serverVersion", v));
    root.put("severity", severity().map(Severity::label).orElse("none"));
    return Json.write(root);
  }

  @Override
  public String toString() {
    return toText();
  }

  /** Builds {@link EtcdExposure}s. */
  public interface Builder {
    /** Starts from every attribute of {@code exposure}. */
    Builder from(EtcdExposure exposure);

    Builder endpoint(String endpoint);

    Builder state(EtcdEndpointState state);

    Builder keysReadable(boolean keysReadable);

    Builder readableKeyCount(long readableKeyCount);

    Builder readableKeyCount(Optional<Long> readableKeyCount);

    Builder serverVersion(String serverVersion);

    Builder serverVersion(Optional<String> serverVersion);

    EtcdExposure build();
  }
}
