package dev.shipshape.mesh;

import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.mesh.internal.IstioObjects;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Istio CustomResourceDefinitions that the mesh components write. Istio installs them; a spec for a cluster
 * that runs Istio declares them pre-existing with {@code preExistingCrd(IstioCrds.all())}, and
 * {@code RequiredCrdsCheck} checks them on the live cluster.
 */
public final class IstioCrds {
  private IstioCrds() {}

  /**
   * VirtualService, DestinationRule, Gateway, ServiceEntry, PeerAuthentication and AuthorizationPolicy, version v1.
   */
  public static List<RequiredCrd> all() {
    return List.of(IstioObjects.VIRTUAL_SERVICES, IstioObjects.DESTINATION_RULES, IstioObjects.GATEWAYS,
        IstioObjects.SERVICE_ENTRIES, IstioObjects.PEER_AUTHENTICATIONS, IstioObjects.AUTHORIZATION_POLICIES);
  }

  /** The references of {@link #all()}, to declare them pre-existing. */
  public static ResourceRef[] refs() {
    return all().stream().map(RequiredCrd::ref).collect(Collectors.toList()).toArray(ResourceRef[]::new);
  }
}
