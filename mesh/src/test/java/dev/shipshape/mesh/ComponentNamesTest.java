package dev.shipshape.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Component names are unique per spec: two different objects never get the same name. */
class ComponentNamesTest {
  @Test
  void namespaceAndNameAreSeparatedSoThatHyphensCannotMakeTwoObjectsLookAlike() {
    assertThat(TrafficPolicy.forService("shop-a", "data").name())
        .isEqualTo("traffic-policy shop-a/data")
        .isNotEqualTo(TrafficPolicy.forService("shop", "a-data").name());
    assertThat(TrafficRoutes.forService("shop-a", "data").name())
        .isEqualTo("traffic-routes shop-a/data")
        .isNotEqualTo(TrafficRoutes.forService("shop", "a-data").name());
    assertThat(IngressGateway.forHost("shop-a", "data.example.com").name())
        .isEqualTo("ingress shop-a/data.example.com")
        .isNotEqualTo(IngressGateway.forHost("shop", "a-data.example.com").name());
    assertThat(ExternalHost.of("shop-a", "api.example.com").name())
        .isNotEqualTo(ExternalHost.of("shop", "a-api.example.com").name());
  }
}
