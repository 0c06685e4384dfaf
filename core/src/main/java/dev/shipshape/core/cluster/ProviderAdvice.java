package dev.shipshape.core.cluster;

import dev.shipshape.core.ShipshapeStyle;
import org.immutables.value.Value;

/**
 * What to set on a provider's side for one {@link ProviderTopic} of one {@link ClusterProfile}: what the provider
 * does by default and what to choose ({@link #setting()}), the provider's own command or console setting ({@link
 * #action()}, with placeholders such as {@code <cluster>}), and the provider's documentation. The SDK's advice is
 * data, read with {@link ClusterProfile#advice()}; for {@link ClusterProfile#KUBEADM} it names the spec's own
 * components, as the cluster's owner runs the control plane.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class ProviderAdvice {

  public abstract ClusterProfile profile();

  public abstract ProviderTopic topic();

  /** What the provider does by default, and what to choose. */
  public abstract String setting();

  /** The provider's command, API call or console setting that does it. */
  public abstract String action();

  /** The provider's documentation of it, an {@code https} URL. */
  public abstract String documentation();

  public static Builder builder() {
    return ImmutableProviderAdvice.builder();
  }

  /** {@code setting — action (documentation)}, as remediations print it. */
  public String remediation() {
    return setting() + " — " + action() + " (" + documentation() + ")";
  }

  @Override
  public String toString() {
    return profile().displayName() + ", " + topic().title() + ": " + remediation();
  }

  @Value.Check
  protected void check() {
    if (!documentation().startsWith("https://")) {
      throw new IllegalArgumentException("ProviderAdvice " + profile() + " " + topic() + ".documentation: '"
          + documentation() + "' is not an https URL — link the provider's documentation");
    }
  }

  /** Builds a {@link ProviderAdvice}; every attribute is required. */
  public interface Builder {
    Builder profile(ClusterProfile profile);

    Builder topic(ProviderTopic topic);

    Builder setting(String setting);

    Builder action(String action);

    Builder documentation(String documentation);

    ProviderAdvice build();
  }
}
