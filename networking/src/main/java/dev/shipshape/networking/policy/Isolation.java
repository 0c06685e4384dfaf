package dev.shipshape.networking.policy;

import java.util.List;

/**
 * A workload that only listed peers may reach, and that may reach only them.
 *
 * @param workload the workload's pods; one label, so that the set's other policies can leave them out
 * @param peers who may talk with it, both directions
 * @param ports on which ports; empty for every port
 */
record Isolation(PodSelector workload, List<PolicyPeer> peers, List<PolicyPort> ports) {}
