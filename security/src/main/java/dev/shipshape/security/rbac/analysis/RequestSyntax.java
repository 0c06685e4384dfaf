package dev.shipshape.security.rbac.analysis;

import dev.shipshape.core.Names;
import dev.shipshape.security.rbac.internal.KnownResources;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What makes a can-i question impossible to grant: Kubernetes verbs are lower-case words, resources and
 * subresources lower-case DNS labels (their plural names), groups DNS subdomains. A question with such a part would
 * always be answered "no", which hides the typo.
 */
final class RequestSyntax {
  private static final Pattern VERB = Pattern.compile("\\*|[a-z]+");
  private static final Pattern RESOURCE = Pattern.compile("\\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private RequestSyntax() {}

  static List<String> check(String verb, String resource, String namespace) {
    List<String> problems = new ArrayList<>();
    if (verb == null || !VERB.matcher(verb).matches()) {
      problems.add("verb '" + verb + "' cannot exist — verbs are lower-case words such as get, list, watch, create, "
          + "update, patch, delete, or * for any");
    }
    if (resource == null || resource.isEmpty()) {
      problems.add("resource is empty — name one such as pods, deployments.apps or pods/log, or a URL path "
          + "such as /healthz");
    } else if (!resource.startsWith("/")) {
      checkResource(resource, problems);
    }
    if (namespace != null && !namespace.isEmpty()) {
      for (String message : Names.checkDns1123Label(namespace)) {
        problems.add("namespace '" + namespace + "' " + message);
      }
    }
    return problems;
  }

  private static void checkResource(String text, List<String> problems) {
    String base = text;
    int slash = text.indexOf('/');
    if (slash >= 0) {
      base = text.substring(0, slash);
      String sub = text.substring(slash + 1);
      if (!RESOURCE.matcher(sub).matches()) {
        problems.add("subresource '" + sub + "' of '" + text + "' cannot exist — subresources are lower-case "
            + "words such as log, status or scale");
      }
    }
    int dot = base.indexOf('.');
    String plural = dot >= 0 ? base.substring(0, dot) : base;
    if (!RESOURCE.matcher(plural).matches()) {
      problems.add("resource '" + plural + "' cannot exist — resources are lower-case plural names such as pods "
          + "or deployments.apps");
    } else if (dot < 0 && !plural.equals("*") && KnownResources.groupOf(plural).isEmpty()) {
      problems.add("resource '" + plural + "' is not a built-in resource — check the spelling (plural, such as "
          + "pods), or name the group of a custom resource, such as widgets.example.com");
    }
    if (dot >= 0) {
      String group = base.substring(dot + 1);
      if (!group.equals("*") && !Names.checkDns1123Subdomain(group).isEmpty()) {
        problems.add("API group '" + group + "' of '" + text + "' cannot exist — groups are DNS names such as apps "
            + "or example.com");
      }
    }
  }
}
