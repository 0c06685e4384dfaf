package dev.shipshape.core.internal.plan;

import dev.shipshape.core.Problem;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The keys and encoded values of Secrets and ConfigMaps as the API server validates them: a key is at most 253
 * characters of letters, digits, '-', '_' and '.', not '.' or '..' nor starting with '..' (IsConfigMapKey,
 * https://kubernetes.io/docs/concepts/configuration/secret/#restriction-names-data), and a Secret's {@code data}
 * and a ConfigMap's {@code binaryData} hold base64 (the API's bytes). Problems never quote a value.
 */
final class DataKeyChecks {
  private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]+");

  private DataKeyChecks() {}

  static void check(CompiledObject o, List<Problem> problems) {
    if (o.object instanceof Secret) {
      Secret secret = (Secret) o.object;
      keys(o, "data", secret.getData(), true, problems);
      keys(o, "stringData", secret.getStringData(), false, problems);
    } else if (o.object instanceof ConfigMap) {
      ConfigMap map = (ConfigMap) o.object;
      keys(o, "data", map.getData(), false, problems);
      keys(o, "binaryData", map.getBinaryData(), true, problems);
      if (map.getData() != null && map.getBinaryData() != null) {
        for (String key : map.getBinaryData().keySet()) {
          if (!map.getData().containsKey(key)) continue;
          problems.add(ObjectChecks.error(o, "binaryData." + key, "key '" + key + "' is in data as well",
              "keep the key in one of data and binaryData"));
        }
      }
    }
  }

  private static void keys(CompiledObject o, String field, Map<String, String> entries, boolean base64,
      List<Problem> problems) {
    if (entries == null) return;
    for (Map.Entry<String, String> e : entries.entrySet()) {
      String key = e.getKey();
      if (key.length() > 253 || !KEY.matcher(key).matches() || key.equals(".") || key.startsWith("..")) {
        problems.add(ObjectChecks.error(o, field, "key '" + key + "' is not a valid key: at most 253 letters, "
            + "digits, '-', '_' and '.', and not '.' or starting with '..'", "rename the key, such as "
            + "'app.properties' or 'password'"));
      }
      if (base64 && e.getValue() != null && !isBase64(e.getValue())) {
        problems.add(ObjectChecks.error(o, field + "." + key, "the value is not base64, which " + field
            + " holds", "encode the bytes in base64 (base64 -w0)" + (o.object instanceof Secret
            ? ", or put the plain text under stringData" : ", or put text under data")));
      }
    }
  }

  /**
   * Base64 as Go's StdEncoding reads the API's bytes: padded, line breaks ignored (a value wrapped by
   * {@code base64} without {@code -w0}).
   */
  private static boolean isBase64(String value) {
    String joined = value.replace("\r", "").replace("\n", "");
    if (joined.length() % 4 != 0) return false;
    try {
      Base64.getDecoder().decode(joined);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
