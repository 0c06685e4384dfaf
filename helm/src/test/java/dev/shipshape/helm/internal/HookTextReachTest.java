package dev.shipshape.helm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which templates take hook text other than as plain output, read from the templates' text. */
class HookTextReachTest {
  private static final String HOOK_JOB = "kind: Job\nmetadata:\n  annotations:\n    helm.sh/hook: pre-install\n";

  private static Map<String, String> templates(String... pathsAndTexts) {
    Map<String, String> templates = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndTexts.length; i += 2) templates.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
    return templates;
  }

  @Test
  void aHookAndAnObjectInOneTemplateWithoutIncludesNeedNoSecondRender() {
    assertThat(HookTextReach.changedBy(templates("templates/webhook.yaml",
        "{{- $ca := genCA \"ca\" 365 }}\n" + HOOK_JOB + "---\nkind: ConfigMap\n"))).isEmpty();
  }

  @Test
  void aHookDefineIncludedAsPlainOutputNeedsNoSecondRender() {
    assertThat(HookTextReach.changedBy(templates(
        "templates/_defines.tpl", "{{- define \"web.hook\" -}}\nhelm.sh/hook: pre-install\n{{- end }}\n"
            + "{{- define \"web.labels\" -}}\napp: web\n{{- end }}\n",
        "templates/job.yaml", "metadata:\n  annotations:\n    {{- include \"web.hook\" . | nindent 4 }}\n",
        "templates/app.yaml", "metadata:\n  labels: {{ include \"web.labels\" . | sha256sum }}\n"))).isEmpty();
  }

  @Test
  void aChecksumOverAnIncludedHookFileNamesItsTemplate() {
    assertThat(HookTextReach.changedBy(templates(
        "templates/settings.yaml", HOOK_JOB,
        "templates/app.yaml", "checksum: {{ include (print $.Template.BasePath \"/settings.yaml\") . | sha256sum }}",
        "templates/other.yaml", "{{ include (print $.Template.BasePath \"/settings.yaml\") . | sha256sum }}")))
        .contains("templates/app.yaml");
  }

  @Test
  void hookTextReachedThroughAPlainIncludeAndThenHashedIsFound() {
    assertThat(HookTextReach.changedBy(templates(
        "templates/_defines.tpl", "{{- define \"web.hook\" -}}\nhelm.sh/hook: pre-install\n{{- end }}\n"
            + "{{- define \"web.jobMeta\" -}}\n{{ include \"web.hook\" . }}\n{{- end }}\n",
        "templates/app.yaml", "{{- $meta := include \"web.jobMeta\" . }}\nsum: {{ $meta | sha256sum }}\n")))
        .contains("templates/app.yaml");
  }

  @Test
  void aTemplateNamedByItsFullNameCounts() {
    assertThat(HookTextReach.changedBy(templates(
        "charts/db/templates/seed.yaml", HOOK_JOB,
        "templates/app.yaml", "sum: {{ include \"web/charts/db/templates/seed.yaml\" . | sha256sum }}\n")))
        .contains("templates/app.yaml");
  }

  @Test
  void randomFunctionsAreFoundInActionsOnly() {
    assertThat(HookTextReach.callsRandom(templates("templates/a.yaml", "pw: {{ randAlphaNum 16 }}"))).isTrue();
    assertThat(HookTextReach.callsRandom(templates("templates/a.yaml", "ca: {{ (genCA \"x\" 1).Cert }}"))).isTrue();
    assertThat(HookTextReach.callsRandom(templates("templates/a.yaml", "text: genCA randAlphaNum"))).isFalse();
  }
}
