package dev.shipshape.security.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Problem;
import dev.shipshape.security.servers.ApiServerVerdict;
import dev.shipshape.security.servers.EtcdProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kube-apiserver judges the encryption checks: each configuration, written as {@link
 * EncryptionConfiguration#toYaml()} writes it, is given to the API server with {@code --encryption-provider-config};
 * the server refuses to start on a configuration it rejects, and builds its storage (in a real etcd, each server
 * under its own prefix) on one it accepts. Our checks
 * must report an error exactly for the configurations the server rejects. The two rules of our own (identity first,
 * a key name used twice) are kept out of these configurations and tested on their own.
 */
class EncryptionConfigurationServerTest {
  /** Resource names, valid or not, that the generated configurations draw from. */
  private static final List<String> NAMES = List.of("secrets", "secrets.", "configmaps", "events", "*.", "*.apps",
      "*.*", "deployments.apps", "widgets.example.com", "Secrets", "*", "deployments.*", "x.events.k8s.io",
      "events.k8s.io", "serviceipallocations", "*.example.com", "deployments.extensions", "apiserveripinfo");

  @TempDir
  Path work;

  @Test
  void ourChecksRejectExactlyWhatTheApiServerRejects() throws Exception {
    try (EtcdProcess etcd = EtcdProcess.start(Files.createDirectory(work.resolve("etcd")), false, List.of())) {
      judge(ApiServerVerdict.in(work, etcd.clientPort));
    }
  }

  private void judge(ApiServerVerdict apiServer) throws Exception {
    Map<String, EncryptionConfiguration> cases = new LinkedHashMap<>(chosenCases());
    Random random = new Random(20261206L);
    for (int i = 0; i < 12; i++) cases.put("generated " + i, generated(random));

    ExecutorService pool = Executors.newFixedThreadPool(2);
    Map<String, Future<Optional<String>>> verdicts = new LinkedHashMap<>();
    try {
      int n = 0;
      for (Map.Entry<String, EncryptionConfiguration> c : cases.entrySet()) {
        Path file = Files.writeString(work.resolve("config-" + n++ + ".yaml"), EncryptionFile.render(c.getValue()));
        verdicts.put(c.getKey(), pool.submit(() -> verdict(apiServer, file)));
      }
      List<String> disagreements = new ArrayList<>();
      int rejected = 0;
      for (Map.Entry<String, EncryptionConfiguration> c : cases.entrySet()) {
        Optional<String> server = verdicts.get(c.getKey()).get(120, TimeUnit.SECONDS);
        List<String> ours = EncryptionChecks.check(c.getValue()).stream().filter(Problem::isError)
            .map(Problem::toString).collect(Collectors.toList());
        if (server.isPresent()) rejected++;
        if (server.isPresent() == ours.isEmpty()) {
          disagreements.add(c.getKey() + " " + c.getValue().resources().stream().map(ResourceEncryption::resources)
              .collect(Collectors.toList()) + ": the API server " + server.map(s -> "rejects it (" + s + ")")
              .orElse("accepts it") + ", our checks " + (ours.isEmpty() ? "accept it" : "say " + ours));
        }
      }
      assertThat(disagreements).as("configurations judged differently").isEmpty();
      assertThat(rejected).as("rejected configurations").isBetween(10, cases.size() - 5);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void ourOwnRulesAreStricterThanTheApiServer() throws Exception {
    EncryptionKey key = EncryptionKey.generate("k", 32);
    EncryptionConfiguration twiceNamed = EncryptionConfiguration.builder().encrypt(List.of("secrets"),
        EncryptionProvider.builder().type(EncryptionProvider.Type.AESGCM).addKeys(key, key).build()).build();
    EncryptionConfiguration identityFirst = EncryptionConfiguration.builder()
        .encrypt(List.of("secrets"), EncryptionProvider.identity(), EncryptionProvider.aesgcm("k")).build();
    try (EtcdProcess etcd = EtcdProcess.start(Files.createDirectory(work.resolve("etcd")), false, List.of())) {
      ApiServerVerdict server = ApiServerVerdict.in(work, etcd.clientPort);
      for (EncryptionConfiguration config : List.of(twiceNamed, identityFirst)) {
        Path file = Files.writeString(Files.createTempFile(work, "own", ".yaml"), EncryptionFile.render(config));
        assertThat(verdict(server, file)).isEmpty();
        assertThat(EncryptionChecks.check(config)).anyMatch(Problem::isError);
      }
    }
  }

  /** Each rule of the checks, once on its own. */
  private static Map<String, EncryptionConfiguration> chosenCases() {
    Map<String, EncryptionConfiguration> cases = new LinkedHashMap<>();
    cases.put("core and a group", of(List.of(List.of("secrets", "configmaps", "deployments.apps"))));
    cases.put("capital letters", of(List.of(List.of("Secrets"))));
    cases.put("a bare star", of(List.of(List.of("*"))));
    cases.put("a resource in every group", of(List.of(List.of("secrets.*"))));
    cases.put("the events.k8s.io group", of(List.of(List.of("events.events.k8s.io"))));
    cases.put("a resource without an API", of(List.of(List.of("servicenodeportallocations"))));
    cases.put("the API server's own address record", of(List.of(List.of("apiserveripinfo"))));
    cases.put("the removed extensions group", of(List.of(List.of("ingresses.extensions"))));
    cases.put("a wildcard of the removed extensions group", of(List.of(List.of("*.extensions"))));
    cases.put("a duplicate with a trailing dot", of(List.of(List.of("secrets", "secrets."))));
    cases.put("a wildcard overlapping in one list", of(List.of(List.of("*.apps", "*.*"))));
    cases.put("core and group wildcards in one list", of(List.of(List.of("*.", "*.apps"))));
    cases.put("masked by an earlier wildcard", of(List.of(List.of("*."), List.of("configmaps"))));
    cases.put("the same wildcard twice", of(List.of(List.of("*.apps"), List.of("*.apps"))));
    cases.put("a narrower wildcard first", of(List.of(List.of("*.apps"), List.of("*.*"))));
    cases.put("the same resource in two entries", of(List.of(List.of("secrets"), List.of("secrets"))));
    EncryptionProvider vault = EncryptionProvider.kmsV2("vault", "unix:///run/kms.sock");
    cases.put("a KMS name used twice", EncryptionConfiguration.builder().encrypt(List.of("secrets"), vault)
        .encrypt(List.of("configmaps"), vault).build());
    cases.put("a KMS name with a colon", EncryptionConfiguration.builder()
        .encrypt(List.of("secrets"), EncryptionProvider.kmsV2("vault:1", "unix:///run/kms.sock")).build());
    cases.put("a KMS timeout of 500 ms", EncryptionConfiguration.builder().encrypt(List.of("secrets"),
        EncryptionProvider.builder().from(vault).kmsTimeout(Duration.ofMillis(500)).build()).build());
    cases.put("a KMS timeout of zero", EncryptionConfiguration.builder().encrypt(List.of("secrets"),
        EncryptionProvider.builder().from(vault).kmsTimeout(Duration.ZERO).build()).build());
    cases.put("a KMS endpoint over TCP", EncryptionConfiguration.builder()
        .encrypt(List.of("secrets"), EncryptionProvider.kmsV2("vault", "tcp://127.0.0.1:9")).build());
    String padded = EncryptionKey.generate("k", 32).secret();
    cases.put("a key without its padding", withKey(EncryptionKey.of("k", padded.substring(0, padded.length() - 1))));
    cases.put("a key with a line break", withKey(EncryptionKey.of("k", padded + "\n")));
    cases.put("a 20-byte key", withKey(EncryptionKey.generate("k", 20)));
    cases.put("a 16-byte key", withKey(EncryptionKey.generate("k", 16)));
    cases.put("a key without a name", withKey(EncryptionKey.generate("", 32)));
    return cases;
  }

  /** One to three entries of one to three names, each encrypted with its own key. */
  private static EncryptionConfiguration generated(Random random) {
    List<List<String>> entries = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      List<String> names = new ArrayList<>();
      int size = 1 + random.nextInt(3);
      for (int j = 0; j < size; j++) names.add(NAMES.get(random.nextInt(NAMES.size())));
      entries.add(names);
    }
    return of(entries);
  }

  private static EncryptionConfiguration of(List<List<String>> entries) {
    EncryptionConfiguration.Builder config = EncryptionConfiguration.builder();
    for (int i = 0; i < entries.size(); i++) config.encrypt(entries.get(i), EncryptionProvider.aesgcm("key" + i));
    return config.build();
  }

  private static EncryptionConfiguration withKey(EncryptionKey key) {
    return EncryptionConfiguration.builder().encrypt(List.of("secrets"),
        EncryptionProvider.builder().type(EncryptionProvider.Type.AESCBC).addKeys(key).build()).build();
  }

  private static Optional<String> verdict(ApiServerVerdict server, Path config) throws IOException {
    return server.verdict(List.of("--encryption-provider-config=" + config));
  }
}
