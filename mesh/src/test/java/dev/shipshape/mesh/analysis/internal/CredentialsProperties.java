package dev.shipshape.mesh.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A credential name reads the same with Istio's {@code kubernetes://} prefix as without it, as Istio adds it. */
class CredentialsProperties {
  @Provide
  Arbitrary<String> labels() {
    return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMinLength(1).ofMaxLength(20)
        .filter(s -> !s.startsWith("-") && !s.endsWith("-"));
  }

  @Property
  void aSecretNameReadsTheSameWithAndWithoutThePrefix(@ForAll("labels") String namespace,
      @ForAll("labels") String name) {
    for (String written : new String[] {name, namespace + "/" + name}) {
      assertThat(Credentials.parse("kubernetes://" + written)).isEqualTo(Credentials.parse(written));
    }
    assertThat(Credentials.parse(name).namespaceOr(namespace)).isEqualTo(namespace);
    assertThat(Credentials.parse(namespace + "/" + name).name()).isEqualTo(name);
  }

  @Property
  void aConfigMapNeedsBothNamespaceAndName(@ForAll @From("labels") String namespace,
      @ForAll @From("labels") String name) {
    assertThat(Credentials.parse("configmap://" + namespace + "/" + name)).isEqualTo(new Credentials(
        Credentials.Kind.CONFIG_MAP, Optional.of(namespace), name, Optional.empty()));
    assertThat(Credentials.parse("configmap://" + name).problem()).isPresent();
    assertThat(Credentials.parse("configmap:///" + name).problem()).isPresent();
    assertThat(Credentials.parse("configmap://" + namespace + "/").problem()).isPresent();
  }
}
