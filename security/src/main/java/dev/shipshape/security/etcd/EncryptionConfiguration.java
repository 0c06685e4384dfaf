package dev.shipshape.security.etcd;

import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.SpecValidationException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * The API server's encryption-at-rest configuration ({@code apiserver.config.k8s.io/v1}
 * {@code EncryptionConfiguration}, passed with {@code --encryption-provider-config}). See "Encrypting Confidential
 * Data at Rest" in the Kubernetes documentation.
 *
 * <pre>{@code
 * EncryptionConfiguration config = EncryptionConfiguration.builder()
 *     .encrypt(List.of("secrets", "configmaps"), EncryptionProvider.aesgcm("key-2025-01"),
 *         EncryptionProvider.identity())
 *     .build();
 * Files.writeString(path, config.toYaml());          // holds the keys: write it with mode 0600
 * EncryptionConfiguration next = config.rotate("key-2025-06");   // new key first, old key kept for reading
 * }</pre>
 *
 * <p>Problems are reported together: added to a spec as a component (it compiles to no objects), with every
 * other problem when the spec is planned; on its own, by {@link #toYaml()}, which throws one
 * {@link SpecValidationException} listing every problem: what the API server refuses when it reads the file
 * (resource names it does not accept, names listed twice or overlapping wildcards, entries masked by an earlier
 * wildcard, wrong key sizes or encodings, incomplete or duplicate KMS providers), an identity provider first
 * (nothing would be encrypted) unless {@link #plaintextAcknowledged()}, and duplicate key names. Keys are never part
 * of {@code toString()} or of a message.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class EncryptionConfiguration implements Component {

  /** Names the configuration in messages. By default, {@code encryption-configuration}. */
  @Override
  @Value.Default
  public String name() {
    return "encryption-configuration";
  }

  public abstract List<ResourceEncryption> resources();

  /**
   * True to accept identity as the first provider, which stores new writes unencrypted (for instance while
   * decrypting everything to turn encryption off). By default, false.
   */
  @Value.Default
  public boolean plaintextAcknowledged() {
    return false;
  }

  public static Builder builder() {
    return ImmutableEncryptionConfiguration.builder();
  }

  /**
   * This configuration with a new random key first in every key-holding first provider; the old keys stay after it
   * for reading data written before. Restart every API server with the new file, then rewrite all objects
   * ({@code kubectl get secrets -A -o json | kubectl replace -f -}) before dropping an old key with
   * {@link #withoutKey}. With several API servers, first roll out the new key in second position, so that every
   * server can read what the first to switch writes.
   */
  public EncryptionConfiguration rotate(String newKeyName) {
    List<ResourceEncryption> rotated = new ArrayList<>();
    for (ResourceEncryption r : resources()) {
      List<EncryptionProvider> providers = new ArrayList<>(r.providers());
      EncryptionProvider first = providers.get(0);
      if (first.type().hasKeys()) {
        int size = first.type() == EncryptionProvider.Type.SECRETBOX ? 32 : Math.max(first.keys().get(0).length(), 16);
        providers.set(0, EncryptionProvider.builder().from(first).keys(List.of())
            .addKeys(EncryptionKey.generate(newKeyName, size)).addAllKeys(first.keys()).build());
      }
      rotated.add(ResourceEncryption.builder().from(r).providers(providers).build());
    }
    return builder().from(this).resources(rotated).build();
  }

  /** This configuration without the key named {@code keyName} (after every object was rewritten). */
  public EncryptionConfiguration withoutKey(String keyName) {
    List<ResourceEncryption> out = new ArrayList<>();
    for (ResourceEncryption r : resources()) {
      List<EncryptionProvider> providers = r.providers().stream()
          .map(p -> EncryptionProvider.builder().from(p).keys(p.keys().stream()
              .filter(k -> !k.name().equals(keyName)).collect(Collectors.toList())).build())
          .collect(Collectors.toList());
      out.add(ResourceEncryption.builder().from(r).providers(providers).build());
    }
    return builder().from(this).resources(out).build();
  }

  /**
   * The file the API server reads. It contains the keys.
   *
   * @throws SpecValidationException listing every problem, when the configuration is not valid
   */
  public String toYaml() {
    List<Problem> problems = problems();
    if (problems.stream().anyMatch(Problem::isError)) {
      throw new SpecValidationException("EncryptionConfiguration " + name(), problems);
    }
    return EncryptionFile.render(this);
  }

  /** Resources and provider types with key names; never the keys. */
  @Override
  public String toString() {
    return "EncryptionConfiguration" + resources().stream()
        .map(r -> r.resources() + " -> " + r.providers()).collect(Collectors.toList());
  }

  /** What {@link #validate} reports, named after this component. */
  private List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    EncryptionChecks.check(this).forEach(p -> problems.add(p.inComponent(name())));
    return problems;
  }

  /** Reported with every other problem of a spec that holds this configuration. */
  @Override
  public List<Problem> validate(SpecContext context) {
    return problems();
  }

  /** Nothing: the configuration is a file for the API servers ({@link #toYaml}), not a Kubernetes object. */
  @Override
  public List<HasMetadata> compile(CompileContext context) {
    return List.of();
  }

  /** Builds {@link EncryptionConfiguration}s. */
  public interface Builder {
    /** Starts from every attribute of {@code configuration}. */
    Builder from(EncryptionConfiguration configuration);

    Builder name(String name);

    Builder addResources(ResourceEncryption... resources);

    /** Replaces the resources. */
    Builder resources(Iterable<? extends ResourceEncryption> resources);

    /** Encrypts these resources with these providers, the first encrypting. */
    default Builder encrypt(List<String> resources, EncryptionProvider... providers) {
      return addResources(ResourceEncryption.builder().resources(resources).addProviders(providers).build());
    }

    Builder plaintextAcknowledged(boolean plaintextAcknowledged);

    EncryptionConfiguration build();
  }
}
