package dev.shipshape.security.cli;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.Output;
import dev.shipshape.cli.spi.OutputFormat;
import dev.shipshape.cli.spi.PluginCommand;
import dev.shipshape.security.rbac.analysis.AccessRequest;
import dev.shipshape.security.rbac.analysis.Decision;
import dev.shipshape.security.rbac.analysis.Requester;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shipshape can-i VERB RESOURCE [NAME]}: {@code kubectl auth can-i}, answered offline or from a cluster. */
@Command(name = "can-i",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Answers whether a user may do something, as 'kubectl auth can-i --as' does, by evaluating the "
        + "RBAC objects of a spec, of manifests, or of a live cluster with the rules of the Kubernetes RBAC "
        + "authorizer. Prints yes or no; with --explain, also every binding and rule that allows it.",
        "RESOURCE is pods, pods/log, deployments.apps, deployments.apps/scale, or a URL path such as /healthz. "
        + "Without -n the question is cluster-wide (cluster-scoped resources, or all namespaces), which only "
        + "ClusterRoleBindings can grant."})
final class CanICommand extends PluginCommand {
  CanICommand(CliContext context) {
    super(context);
  }

  @Parameters(index = "0", paramLabel = "VERB", description = "get, list, watch, create, update, patch, delete, "
      + "deletecollection, or another verb such as escalate, bind, impersonate, use.")
  String verb;

  @Parameters(index = "1", paramLabel = "RESOURCE", description = "The resource[.group][/subresource], or a "
      + "non-resource URL path.")
  String resource;

  @Parameters(index = "2", arity = "0..1", paramLabel = "NAME", description = "The object's name.")
  String name;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "The namespace. By default, "
      + "cluster-wide.")
  String namespace;

  @Option(names = "--as", paramLabel = "USER", required = true, description = "The user, or "
      + "system:serviceaccount:NS:NAME for a ServiceAccount (with its groups).")
  String user;

  @Option(names = "--as-group", paramLabel = "GROUP", description = "A group of the user; repeat for several. "
      + "system:authenticated is always added.")
  List<String> groups = new ArrayList<>();

  @Option(names = "--explain", description = "Also print every binding and rule that allows it, or say that none "
      + "does.")
  boolean explain;

  @Option(names = "--format", paramLabel = "F", defaultValue = "text", description = "text or json (the answer,"
      + " the request and every binding and rule that allows it). By default, ${DEFAULT-VALUE}.")
  OutputFormat format;

  @Mixin
  RbacInput rbac;

  @Override
  public Integer call() {
    AccessRequest request = Questions.request(verb, resource, namespace, name);
    Decision decision = rbac.analyzer(context())
        .canI(Requester.user(user, groups.toArray(String[]::new)), request);
    PrintWriter out = out();
    Output.print(out, format == OutputFormat.JSON ? decision.toJson()
        : explain ? decision.explain() : decision.answer());
    return (decision.allowed() ? ExitCode.OK : ExitCode.NO).code();
  }
}
