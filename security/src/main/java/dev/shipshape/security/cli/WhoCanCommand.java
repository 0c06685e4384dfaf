package dev.shipshape.security.cli;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.Output;
import dev.shipshape.cli.spi.OutputFormat;
import dev.shipshape.cli.spi.PluginCommand;
import dev.shipshape.security.rbac.analysis.AccessRequest;
import dev.shipshape.security.rbac.analysis.SubjectAccess;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shipshape who-can VERB RESOURCE}: every subject that RBAC allows to do something. */
@Command(name = "who-can",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Lists every user, group and ServiceAccount that the RBAC objects of a spec, of manifests or "
        + "of a live cluster allow to do something, one per line with the binding, role and rule that grant it.",
        "RESOURCE is as for can-i. Without -n the question is cluster-wide, which only ClusterRoleBindings "
        + "grant."})
final class WhoCanCommand extends PluginCommand {
  WhoCanCommand(CliContext context) {
    super(context);
  }

  @Parameters(index = "0", paramLabel = "VERB", description = "The verb, such as get, create or escalate.")
  String verb;

  @Parameters(index = "1", paramLabel = "RESOURCE", description = "The resource[.group][/subresource], or a "
      + "non-resource URL path.")
  String resource;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "The namespace. By default, "
      + "cluster-wide.")
  String namespace;

  @Option(names = "--format", paramLabel = "F", defaultValue = "text", description = "text or json. By default, "
      + "${DEFAULT-VALUE}.")
  OutputFormat format;

  @Mixin
  RbacInput rbac;

  @Override
  public Integer call() {
    AccessRequest request = Questions.request(verb, resource, namespace, null);
    List<SubjectAccess> subjects = rbac.analyzer(context()).whoCan(request);
    PrintWriter out = out();
    if (format == OutputFormat.JSON) {
      Output.print(out, SubjectAccess.toJson(request, subjects));
      return ExitCode.OK.code();
    }
    if (subjects.isEmpty()) {
      out.println("nobody may " + request);
    }
    subjects.forEach(out::println);
    out.flush();
    return ExitCode.OK.code();
  }
}
