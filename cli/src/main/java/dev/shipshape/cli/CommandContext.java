package dev.shipshape.cli;

import dev.shipshape.cli.script.ScriptException;
import dev.shipshape.cli.script.ScriptResult;
import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ClusterSelection;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.cli.spi.LiveCluster;
import dev.shipshape.cli.spi.SpecArguments;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The command line's side of {@link CliContext}: what plug-in commands share with the built-in ones. */
final class CommandContext implements CliContext {
  private final Environment environment;

  CommandContext(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Optional<String> variable(String name) {
    return environment.variable(name);
  }

  @Override
  public <T> T analyze(Path path, Function<Plan, T> fromPlan, Function<Path, T> fromManifests) {
    return AnalysisInput.analyze(path, fromPlan, fromManifests);
  }

  @Override
  public Plan plan(SpecArguments arguments) {
    return SpecOptions.plan(arguments);
  }

  @Override
  public ClusterSpec load(SpecArguments arguments) {
    return SpecOptions.load(arguments);
  }

  @Override
  public Plan plan(ClusterSpec loaded, SpecArguments arguments) {
    return SpecOptions.plan(arguments.spec(), loaded, arguments.env());
  }

  @Override
  public ClusterSpec load(Path spec, List<String> preExistingNamespaces) {
    try {
      return SpecSource.load(spec, Optional.empty(), preExistingNamespaces, List.of());
    } catch (SpecValidationException e) {
      throw new CliException(ExitCode.INVALID_INPUT, spec + " is invalid:" + System.lineSeparator()
          + e.getMessage(), e);
    } catch (ScriptException e) {
      throw new CliException(ExitCode.INVALID_INPUT, spec + " builds an invalid spec:" + System.lineSeparator()
          + e.getMessage(), e);
    }
  }

  @Override
  public Map<String, Object> scriptVariables(Path script) {
    if (!SpecSource.isScript(script)) {
      throw new CliException(ExitCode.INVALID_INPUT, script + " is not a spec script (*.jsh)");
    }
    try {
      ScriptResult result = SpecSource.runScriptWithVariables(script);
      Map<String, Object> variables = new HashMap<>(result.variables());
      variables.put("spec", result.spec());
      return Collections.unmodifiableMap(variables);
    } catch (ScriptException e) {
      throw new CliException(ExitCode.INVALID_INPUT, script + " builds an invalid spec:" + System.lineSeparator()
          + e.getMessage(), e);
    }
  }

  @Override
  public LiveCluster connect(ClusterSelection cluster) {
    return ClusterOptions.connect(cluster, environment);
  }

  @Override
  public LiveCluster connect(ClusterSelection cluster, String otherContext) {
    return ClusterOptions.connectTo(cluster, environment, otherContext);
  }
}
