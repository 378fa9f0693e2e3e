import type { Scenario } from './model.js';

export const SCENARIOS: readonly Scenario[] = [];
