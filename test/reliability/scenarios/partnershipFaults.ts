import type { ScenarioResult } from '../support/report';
import type { Stack } from '../support/stack';

export async function partnershipFaults(_stack: Stack): Promise<ScenarioResult> {
  return { name: 'partnership-faults', counts: {}, failures: ['not written yet'] };
}
