/** One scenario's outcome: its counts line, and whether it passed. */
export interface ScenarioResult {
  readonly name: string;
  readonly counts: Record<string, number | string>;
  /** Failed checks, in words; empty when the scenario passed. */
  readonly failures: string[];
}

export function line(result: ScenarioResult): string {
  const counts = Object.entries(result.counts)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const verdict = result.failures.length > 0 ? 'FAIL' : 'ok';
  return `reliability ${result.name}: ${verdict} ${counts}`;
}

/** Collects check failures without stopping at the first. */
export class Checks {
  readonly failures: string[] = [];
  check(ok: boolean, what: string): void {
    if (!ok) this.failures.push(what);
  }
}
