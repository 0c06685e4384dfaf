package dev.shipshape.backup;

import dev.shipshape.backup.internal.LocationChecks;
import dev.shipshape.backup.internal.Templates;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * The Secret with S3 credentials that Velero's AWS plugin reads: one key ({@code cloud} by default) holding an
 * AWS credentials file,
 *
 * <pre>
 * [default]
 * aws_access_key_id=…
 * aws_secret_access_key=…
 * </pre>
 *
 * The keys are redacted from {@link #toString()} and from every problem and report. Reference it from a
 * location with {@code BackupStorageLocation.builder().credential(credentials)}.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class BackupCredentials implements Component {

  /** The Secret's name. By default, {@code cloud-credentials}, as {@code velero install} names it. */
  @Value.Default
  @Override
  public String name() {
    return "cloud-credentials";
  }

  /** The namespace Velero runs in. By default, {@code velero}. */
  @Value.Default
  public String veleroNamespace() {
    return Velero.DEFAULT_NAMESPACE;
  }

  /** The key of the Secret that holds the file. By default, {@code cloud}. */
  @Value.Default
  public String key() {
    return "cloud";
  }

  /** The profile section of the file. By default, {@code default}. */
  @Value.Default
  public String profile() {
    return "default";
  }

  @Value.Redacted
  public abstract String accessKeyId();

  @Value.Redacted
  public abstract String secretAccessKey();

  public static Builder builder() {
    return ImmutableBackupCredentials.builder();
  }

  /** The reference of the compiled Secret. */
  public ResourceRef ref() {
    return ResourceRef.core("Secret", veleroNamespace(), name());
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    Secret secret = new Secret();
    secret.setMetadata(Templates.metadata(name(), veleroNamespace()));
    secret.setType("Opaque");
    String file = "[" + profile() + "]\naws_access_key_id=" + accessKeyId() + "\naws_secret_access_key="
        + secretAccessKey() + "\n";
    secret.setData(Map.of(key(), Base64.getEncoder().encodeToString(file.getBytes(StandardCharsets.UTF_8))));
    return List.of(secret);
  }

  @Override
  public List<Problem> validate(SpecContext context) {
    return LocationChecks.credentials(this);
  }

  /** Builds {@link BackupCredentials}. */
  public interface Builder {
    /** Starts from every attribute of {@code credentials}. */
    Builder from(BackupCredentials credentials);

    Builder name(String name);

    Builder veleroNamespace(String veleroNamespace);

    Builder key(String key);

    Builder profile(String profile);

    Builder accessKeyId(String accessKeyId);

    Builder secretAccessKey(String secretAccessKey);

    BackupCredentials build();
  }
}
