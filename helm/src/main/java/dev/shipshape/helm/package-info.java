/**
 * Helm charts as components of a spec. {@link dev.shipshape.helm.HelmChart} renders a chart with the Helm library
 * bundled in helm-java (offline, deterministic), so its objects join the plan like any other: ordered, labelled,
 * amended, validated, diffed and applied with server-side apply. Chart hooks become ordering inside the component;
 * values are checked against the chart's {@code values.schema.json}. {@link dev.shipshape.helm.HelmReleases} installs
 * a chart as a Helm release instead, for charts Helm itself should own.
 */
@ShipshapeStyle
package dev.shipshape.helm;

import dev.shipshape.core.ShipshapeStyle;
