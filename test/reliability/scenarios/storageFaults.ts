import type { ScenarioResult } from '../support/report';
import type { Stack } from '../support/stack';

export async function storageFaults(_stack: Stack): Promise<ScenarioResult> {
  return { name: 'storage-faults', counts: {}, failures: ['not written yet'] };
}
