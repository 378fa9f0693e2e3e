/**
 * The corpus: every plan scenario of issues 18, 20 and 21 and the eight before them, each one edit
 * of the default target (packages/spec/target.json) planned in all six implementations. For every
 * tool, every changed core resource is met by an expectation (action, failure, order) with its
 * source (sources.ts); the test fails on any change no expectation accounts for.
 */
import type { Scenario } from './model.js';
import { CLUSTER_SCENARIOS } from './scenarios/cluster.js';
import { NETWORK_SCENARIOS } from './scenarios/network.js';
import { PLACEMENT_SCENARIOS } from './scenarios/placement.js';
import { WORKLOADS_SCENARIOS } from './scenarios/workloads.js';

export const SCENARIOS: readonly Scenario[] = [
  ...NETWORK_SCENARIOS,
  ...CLUSTER_SCENARIOS,
  ...PLACEMENT_SCENARIOS,
  ...WORKLOADS_SCENARIOS,
];
