package dev.shipshape.security.etcd;

import dev.shipshape.core.ShipshapeStyle;
import java.util.List;
import org.immutables.value.Value;

/**
 * One entry of an {@link EncryptionConfiguration}: resources ({@code secrets}, {@code configmaps}, …) and their
 * providers.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class ResourceEncryption {

  /** Resources as {@code resource.group}, such as {@code secrets} or {@code widgets.example.com}. */
  public abstract List<String> resources();

  /** Providers in order: the first encrypts, all decrypt. */
  public abstract List<EncryptionProvider> providers();

  public static Builder builder() {
    return ImmutableResourceEncryption.builder();
  }

  /** Builds {@link ResourceEncryption}s. */
  public interface Builder {
    /** Starts from every attribute of {@code encryption}. */
    Builder from(ResourceEncryption encryption);

    Builder addResources(String... resources);

    /** Replaces the resources. */
    Builder resources(Iterable<String> resources);

    Builder addAllResources(Iterable<String> resources);

    Builder addProviders(EncryptionProvider... providers);

    /** Replaces the providers. */
    Builder providers(Iterable<? extends EncryptionProvider> providers);

    ResourceEncryption build();
  }
}
