/** The bench's results as data, a Markdown table and an SVG chart (plain SVG text). */

export interface BotFigures {
  readonly turns: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  /** Process CPU (user + system) per turn, from /proc. */
  readonly cpuMsPerTurn: number;
  readonly failed: number;
}

export interface StoragePerTurn {
  readonly reads: number;
  readonly writes: number;
  readonly queries: number;
  readonly metadata: number;
  /** TLS connections the bot opened to storage during the timed turns. */
  readonly connections: number;
  /** CPU the storage server process spent per DARE turn (it shares the machine's cores). */
  readonly serverCpuMs: number;
}

export interface ScenarioResult {
  readonly id: string;
  readonly label: string;
  readonly storageNote: string;
  readonly dare: BotFigures;
  readonly echo: BotFigures;
  readonly throughputRatio: number;
  readonly p99Ratio: number;
  /** Counted at the storage server; undefined when storage runs inside the bot (embedded). */
  readonly storage: StoragePerTurn | undefined;
}

export interface ModeResult {
  readonly mode: 'out-of-process' | 'embedded';
  readonly scenarios: readonly ScenarioResult[];
  /** Highest resident set of each bot's own process (from /proc, every 100 ms) while loaded. */
  readonly peakRssMb: { readonly dare: number; readonly echo: number };
  /** Resident set of each bot's process once listening, before any turn. */
  readonly idleRssMb: { readonly dare: number; readonly echo: number };
}

export interface TargetCheck {
  readonly target: string;
  readonly met: boolean;
  readonly detail: string;
}

export interface BenchResult {
  readonly when: string;
  readonly node: string;
  readonly machine: string;
  readonly settings: Record<string, number | string | boolean>;
  readonly modes: readonly ModeResult[];
  readonly targets: readonly TargetCheck[];
  readonly warnings: readonly string[];
}

const fixed = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

/**
 * Why "embedded within 20% of out-of-process" compares DARE's own figures between the two halves
 * of a run, not its ratio to echo in each half: the echo bot has no storage, so whatever its rate
 * does between the halves is the machine, yet it moved by up to 1.5x (1266 against 1828 turns/s
 * for the same invoke in one run on a quiet machine); a ratio of two ratios carried two echo runs'
 * noise into a check about storage placement. The throughput and p99 targets against echo are
 * unchanged.
 */
export const embeddedNote =
  'Embedded is checked against the out-of-process figures of DARE itself in the same run ' +
  '(turns/s and p99), not ratio against ratio: the echo bot has no storage, and its rate moves ' +
  'by up to 1.5x between the two halves of a run, which a ratio of two ratios would count as a ' +
  'difference between storage modes.';

/** The targets of issue #13, checked against one run. */
export function checkTargets(modes: readonly ModeResult[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const outOfProcess = modes.find((m) => m.mode === 'out-of-process');
  const embedded = modes.find((m) => m.mode === 'embedded');
  if (outOfProcess) {
    for (const s of outOfProcess.scenarios) {
      checks.push({
        target: `${s.label}: throughput >= 0.6x echo`,
        met: s.throughputRatio >= 0.6,
        detail: `${fixed(s.throughputRatio)}x`,
      });
      checks.push({
        target: `${s.label}: p99 <= 2x echo`,
        met: s.p99Ratio <= 2,
        detail: `${fixed(s.p99Ratio)}x`,
      });
    }
  }
  for (const m of modes) {
    checks.push({
      target: `${m.mode}: bot RSS under load < 250 MB`,
      met: m.peakRssMb.dare < 250,
      detail: `${fixed(m.peakRssMb.dare, 0)} MB`,
    });
  }
  if (outOfProcess && embedded) {
    // DARE's own embedded figures against its own out-of-process ones (see embeddedNote).
    for (const s of embedded.scenarios) {
      const base = outOfProcess.scenarios.find((o) => o.id === s.id);
      if (!base) continue;
      const throughput = s.dare.perSecond / base.dare.perSecond;
      checks.push({
        target: `${s.label}: embedded throughput within 20% of out-of-process`,
        met: throughput >= 0.8,
        detail: `${fixed(throughput)} of the out-of-process turns/s`,
      });
      const p99 = s.dare.p99 / base.dare.p99;
      checks.push({
        target: `${s.label}: embedded p99 within 20% of out-of-process`,
        met: p99 <= 1.2,
        detail: `${fixed(p99)} of the out-of-process p99`,
      });
    }
  }
  return checks;
}

export function markdownTable(result: BenchResult): string {
  const lines = [
    `DARE Coach turns against a bare botbuilder echo bot (${result.node}, ${result.machine}; ` +
      `${Object.entries(result.settings)
        .map(([k, v]) => `${k} ${String(v)}`)
        .join(', ')})`,
    '',
    '| storage | scenario | DARE turns/s | echo turns/s | ratio | DARE p99 ms | echo p99 ms | p99 ratio | reads/turn | writes/turn | queries/turn | storage connections | DARE CPU ms/turn | echo CPU ms/turn | storage server CPU ms/turn |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const m of result.modes) {
    for (const s of m.scenarios) {
      const st = s.storage;
      lines.push(
        `| ${m.mode} | ${s.label} | ${fixed(s.dare.perSecond, 0)} | ${fixed(s.echo.perSecond, 0)} | ` +
          `${fixed(s.throughputRatio)}x | ${fixed(s.dare.p99, 1)} | ${fixed(s.echo.p99, 1)} | ` +
          `${fixed(s.p99Ratio)}x | ${st ? fixed(st.reads) : '-'} | ${st ? fixed(st.writes) : '-'} | ` +
          `${st ? fixed(st.queries) : '-'} | ${st ? String(st.connections) : '-'} | ` +
          `${fixed(s.dare.cpuMsPerTurn)} | ${fixed(s.echo.cpuMsPerTurn)} | ${st ? fixed(st.serverCpuMs) : '-'} |`,
      );
    }
  }
  lines.push('');
  for (const m of result.modes) {
    lines.push(
      `Peak RSS under load (${m.mode}): DARE Coach ${fixed(m.peakRssMb.dare, 0)} MB, echo ${fixed(m.peakRssMb.echo, 0)} MB ` +
        `(idle before load: ${fixed(m.idleRssMb.dare, 0)} MB and ${fixed(m.idleRssMb.echo, 0)} MB).`,
    );
  }
  lines.push('', 'What each scenario may store:', '');
  for (const s of result.modes[0]?.scenarios ?? []) lines.push(`- ${s.label}: ${s.storageNote}`);
  lines.push(
    '- referral Send (not timed here) also writes the referral, its outbox entry and the receipt record.',
    '',
    'Targets:',
    '',
    embeddedNote,
    '',
  );
  for (const t of result.targets)
    lines.push(`- ${t.met ? 'met' : 'NOT met'}: ${t.target} (${t.detail})`);
  for (const w of result.warnings) lines.push(`- WARNING: ${w}`);
  return `${lines.join('\n')}\n`;
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const modeColours = { 'out-of-process': '#2b6cb0', embedded: '#dd6b20' } as const;

/** One bar panel: a value per scenario per mode, with the target as a dashed line. */
function panel(
  result: BenchResult,
  x0: number,
  title: string,
  value: (s: ScenarioResult) => number,
  target: number,
): string {
  const width = 420;
  const height = 260;
  const top = 40;
  const bottom = height - 60;
  const scenarioIds = result.modes[0]?.scenarios.map((s) => s.id) ?? [];
  const all = result.modes.flatMap((m) => m.scenarios.map(value)).filter(Number.isFinite);
  const max = Math.max(target * 1.25, ...all) || 1;
  const y = (v: number) => bottom - ((bottom - top) * v) / max;
  const group = (width - 40) / Math.max(1, scenarioIds.length);
  const barWidth = (group - 16) / Math.max(1, result.modes.length);
  const parts: string[] = [
    `<text x="${x0 + width / 2}" y="20" text-anchor="middle" font-weight="bold">${escapeXml(title)}</text>`,
    `<line x1="${x0 + 30}" y1="${bottom}" x2="${x0 + width - 10}" y2="${bottom}" stroke="#333"/>`,
    `<line x1="${x0 + 30}" y1="${y(target)}" x2="${x0 + width - 10}" y2="${y(target)}" stroke="#c53030" stroke-dasharray="6 4"/>`,
    `<text x="${x0 + width - 10}" y="${y(target) - 4}" text-anchor="end" fill="#c53030" font-size="11">target ${target}x</text>`,
  ];
  scenarioIds.forEach((id, i) => {
    const gx = x0 + 38 + i * group;
    result.modes.forEach((m, j) => {
      const s = m.scenarios.find((c) => c.id === id);
      if (!s) return;
      const v = value(s);
      const bx = gx + j * barWidth;
      parts.push(
        `<rect x="${bx.toFixed(1)}" y="${y(v).toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${(bottom - y(v)).toFixed(1)}" fill="${modeColours[m.mode]}"/>`,
        `<text x="${(bx + barWidth / 2).toFixed(1)}" y="${(y(v) - 3).toFixed(1)}" text-anchor="middle" font-size="10">${fixed(v)}</text>`,
      );
    });
    const label = result.modes[0]?.scenarios[i]?.label.replace(/ \(.*\)$/, '') ?? id;
    parts.push(
      `<text x="${(gx + (group - 16) / 2).toFixed(1)}" y="${bottom + 16}" text-anchor="middle" font-size="11">${escapeXml(label)}</text>`,
    );
  });
  return parts.join('\n');
}

export function svgChart(result: BenchResult): string {
  const legend = result.modes
    .map(
      (m, i) =>
        `<rect x="${20 + i * 170}" y="232" width="12" height="12" fill="${modeColours[m.mode]}"/>` +
        `<text x="${36 + i * 170}" y="243" font-size="12">storage ${m.mode}</text>`,
    )
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="860" height="260" font-family="sans-serif" font-size="12">
<rect width="860" height="260" fill="#fff"/>
${panel(result, 0, 'Throughput, DARE Coach / echo (higher is better)', (s) => s.throughputRatio, 0.6)}
${panel(result, 430, 'p99 latency, DARE Coach / echo (lower is better)', (s) => s.p99Ratio, 2)}
${legend}
</svg>
`;
}
