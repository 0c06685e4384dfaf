package dev.shipshape.helm.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether renaming {@code helm.sh/hook} in a chart's templates can change the text of an object beyond what {@link
 * LocalChart#restoreHooks} puts back. Text that holds the key reaches another object only through {@code include} or
 * {@code template}: output as it is ({@code {{ include "x" . | nindent 4 }}}), it is restored in Helm's output; used
 * any other way (hashed, measured, encoded, kept in a variable), it is not. So the text can differ when an action
 * other than such plain output names a template that holds the key: a {@code define} or a template file whose text
 * holds it, or that names one that does, or names a template the text cannot tell (a name built at render time).
 * Read from the templates' text alone, so cheap, and over-cautious rather than blind: a name that appears only in a
 * comment counts.
 */
final class HookTextReach {
  private static final String HOOK = "helm.sh/hook";
  private static final Pattern ACTION = Pattern.compile("\\{\\{(.*?)\\}\\}", Pattern.DOTALL);
  private static final Pattern DEFINE = Pattern.compile("\\{\\{-?\\s*define\\s+\"([^\"]+)\"");
  private static final Pattern CALL = Pattern.compile("\\b(?:include|template)\\s+(\"[^\"]*\"|\\S)");
  private static final Pattern PLAIN = Pattern.compile("-?\\s*(?:include|template)\\s+(?:\"[^\"]*\"|\\([^()]*\\))"
      + "\\s+[.$][\\w.$]*\\s*(?:\\|\\s*n?indent\\s+\\d+\\s*)?-?");
  /** Sprig's functions whose result differs from one render to the next. */
  private static final Pattern RANDOM = Pattern.compile(
      "\\b(?:gen(?:CA|CAWithKey|PrivateKey|SelfSignedCert|SelfSignedCertWithKey|SignedCert|SignedCertWithKey)"
          + "|rand(?:Alpha|AlphaNum|Numeric|Ascii|Bytes|Int)|uuidv4|bcrypt|htpasswd|encryptAES|shuffle)\\b");

  private HookTextReach() {}

  /**
   * The first template (by the order of {@code templates}, path to text) that uses text holding the hook key other
   * than as plain output; empty when the renamed key is always restored.
   */
  static Optional<String> changedBy(Map<String, String> templates) {
    Map<String, String> segments = segments(templates);
    Set<String> holding = new LinkedHashSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Map.Entry<String, String> segment : segments.entrySet()) {
        if (holding.contains(segment.getKey())) continue;
        String text = segment.getValue();
        if (text.contains(HOOK) || actions(text).stream().anyMatch(a -> names(a, holding))) {
          holding.add(segment.getKey());
          grew = true;
        }
      }
    }
    if (holding.isEmpty()) return Optional.empty();
    for (Map.Entry<String, String> template : templates.entrySet()) {
      for (String action : actions(template.getValue())) {
        if (names(action, holding) && !PLAIN.matcher(action).matches()) return Optional.of(template.getKey());
      }
    }
    return Optional.empty();
  }

  /** Whether a template calls a function whose result differs between renders ({@code genCA}, {@code randAlphaNum}). */
  static boolean callsRandom(Map<String, String> templates) {
    return templates.values().stream().anyMatch(text -> actions(text).stream()
        .anyMatch(a -> RANDOM.matcher(a).find()));
  }

  /**
   * Each template file under its file name ({@link #fileName}; {@code include (print $.Template.BasePath "/x.yaml")}
   * builds its name at render time), and
   * each {@code define} under its quoted name, with the text up to the next {@code define}.
   */
  private static Map<String, String> segments(Map<String, String> templates) {
    Map<String, String> segments = new LinkedHashMap<>();
    templates.forEach((path, text) -> {
      segments.put(fileName(path), text);
      Matcher define = DEFINE.matcher(text);
      List<int[]> starts = new ArrayList<>();
      List<String> names = new ArrayList<>();
      while (define.find()) {
        starts.add(new int[] {define.start(), define.end()});
        names.add("\"" + define.group(1) + "\"");
      }
      for (int i = 0; i < names.size(); i++) {
        int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : text.length();
        segments.merge(names.get(i), text.substring(starts.get(i)[1], end), String::concat);
      }
    });
    return segments;
  }

  /** Whether {@code action} includes a template of {@code holding}, or one whose name it builds at render time. */
  private static boolean names(String action, Set<String> holding) {
    Matcher call = CALL.matcher(action);
    while (call.find()) {
      String name = call.group(1);
      if (!name.startsWith("\"")) return !holding.isEmpty();
      if (holding.contains(name) || holding.contains(fileName(name.substring(1, name.length() - 1)))) return true;
    }
    return false;
  }

  /** The key of a template file, from its path or from the name Helm gives it ({@code chart/templates/x.yaml}). */
  private static String fileName(String path) {
    return "file " + path.substring(path.lastIndexOf('/') + 1);
  }

  private static List<String> actions(String text) {
    List<String> actions = new ArrayList<>();
    Matcher action = ACTION.matcher(text);
    while (action.find()) actions.add(action.group(1));
    return actions;
  }
}
