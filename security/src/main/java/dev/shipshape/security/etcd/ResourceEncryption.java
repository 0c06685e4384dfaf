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
    return new Builder();
  }

  /** Builds {@link ResourceEncryption}s. */
  public static final class Builder extends ImmutableResourceEncryption.Builder {}
}
