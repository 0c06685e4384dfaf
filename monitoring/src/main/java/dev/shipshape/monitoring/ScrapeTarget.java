package dev.shipshape.monitoring;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Something Prometheus should scrape: a Service's metrics port (a ServiceMonitor) or a workload's metrics container
 * port (a PodMonitor).
 *
 * @param kind {@code ServiceMonitor} or {@code PodMonitor}
 * @param namespace the namespace of the Service or workload
 * @param name the Service's or workload's name, which the monitor takes
 * @param selector the labels that select the Service (or the workload's pods)
 * @param port the name of the Service port (or container port)
 * @param workloads the workloads whose pods serve the metrics, as {@code namespace/name[Kind]}
 * @param containerPort the pods' port number, when the spec resolves it
 * @param podLabels the pod template labels of each workload, in the order of {@code workloads}
 */
record ScrapeTarget(String kind, String namespace, String name, Map<String, String> selector, String port,
    List<String> workloads, Optional<Integer> containerPort, List<Map<String, String>> podLabels) {}
