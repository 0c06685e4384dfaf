package dev.shipshape.benchmarks;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.internal.apply.SecretRedactor;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Hiding Secret values from an apply's messages, as every apply does for each result: N tenants, each with a Secret
 * of a password, a PIN and a TLS key, and 17 messages per tenant (one per object of the workload, mostly
 * "created"); and one long error body. A search per value and message grows with N × N. Four times the tenants
 * should cost about four times as much.
 */
public class SecretRedactionBenchmark extends InProcessBenchmark {
  @Param({"250", "1000"})
  public int tenants;

  private SecretRedactor redactor;
  private final List<String> messages = new ArrayList<>();
  private String body;

  @Setup(Level.Trial)
  public void setUp() {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < tenants; i++) {
      // Each tenant's TLS key: about 1.7 KB, as written and in base64, so long values of a few lengths.
      String key = ("MIIEv" + i + "QIBADANBgkqhkiG9w0BAQEFAASC").repeat(40);
      yaml.append("---\napiVersion: v1\nkind: Namespace\nmetadata: {name: t").append(i).append("}\n")
          .append("---\napiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: t").append(i).append("}\n")
          .append("stringData: {password: 'pw-").append(String.format("%012d", i * 7919L)).append("', pin: '")
          .append(String.format("%04d", i % 10_000)).append("', tls.key: '").append(key).append("'}\n");
      for (int m = 0; m < 16; m++) messages.add(m % 4 == 0 ? "configured" : "created");
      messages.add("admission webhook \"validate.example.com\" denied the request: field spec.replicas of t" + i
          + "/web must be at most 10");
    }
    redactor = SecretRedactor.of(ClusterSpec.builder().name("secrets").yaml(yaml.toString()).build().plan());
    body = "{\"kind\":\"Status\",\"message\":\"" + "the request body was too large; ".repeat(6_000) + "\"}";
  }

  /** An error body of about 200 KB, as a server or webhook may quote a whole request. */
  @Benchmark
  public int redactLongBody() {
    return redactor.redact(body).length();
  }

  @Benchmark
  public int redact() {
    int length = 0;
    for (String message : messages) length += redactor.redact(message).length();
    return length;
  }
}
