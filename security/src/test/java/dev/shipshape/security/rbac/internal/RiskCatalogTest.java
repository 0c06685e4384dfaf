package dev.shipshape.security.rbac.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.security.rbac.Risk;
import dev.shipshape.security.rbac.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RiskCatalogTest {
  private static final Risk BY_PATCH_OR_DELETE = Risk.SECRETS_READ_BY_PATCH_OR_DELETE;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"patch", "delete", "deletecollection"})
  void patchingOrDeletingSecretsReadsThemInANamespaceAndClusterWide(String verb) {
    Rule rule = Rule.core("secrets").allow(verb);
    assertThat(RiskCatalog.risksOf(rule, true)).containsExactly(BY_PATCH_OR_DELETE);
    assertThat(RiskCatalog.risksOf(rule, false)).containsExactly(BY_PATCH_OR_DELETE);
  }

  @Test
  void wildcardResourcesAndGroupsReachSecretsToo() {
    assertThat(RiskCatalog.risksOf(Rule.core("*").allow("delete"), true))
        .containsExactly(Risk.WILDCARD, BY_PATCH_OR_DELETE);
    assertThat(RiskCatalog.risksOf(Rule.on("*", "secrets").allow("patch"), false))
        .containsExactly(Risk.WILDCARD, BY_PATCH_OR_DELETE);
  }

  @Test
  void aRuleThatAlsoReadsSecretsOutrightIsReportedOnceAsAReader() {
    assertThat(RiskCatalog.risksOf(Rule.core("secrets").allow("*"), true))
        .containsExactly(Risk.WILDCARD, Risk.SECRETS_READ);
    assertThat(RiskCatalog.risksOf(Rule.core("secrets").allow("get", "patch", "delete"), true))
        .containsExactly(Risk.SECRETS_READ);
  }

  @Test
  void namedSecretsStayReadableLikeANamedGetButANamedDeletecollectionIsNeverAllowed() {
    assertThat(RiskCatalog.risksOf(Rule.core("secrets").allow("get").onlyNamed("db"), true))
        .containsExactly(Risk.SECRETS_READ);
    assertThat(RiskCatalog.risksOf(Rule.core("secrets").allow("patch").onlyNamed("db"), true))
        .containsExactly(BY_PATCH_OR_DELETE);
    assertThat(RiskCatalog.risksOf(Rule.core("secrets").allow("delete").onlyNamed("db"), true))
        .containsExactly(BY_PATCH_OR_DELETE);
    assertThat(RiskCatalog.risksOf(Rule.core("secrets").allow("deletecollection").onlyNamed("db"), true)).isEmpty();
  }

  @Test
  void createAndUpdateReturnOnlyWhatTheyWrote() {
    assertThat(RiskCatalog.risksOf(Rule.core("secrets").allow("create", "update"), false)).isEmpty();
    assertThat(RiskCatalog.risksOf(Rule.core("configmaps").allow("patch", "delete"), false)).isEmpty();
  }
}
