/** The local listing page: what arrived and when, by id and reference only (no names, no body). */

export interface IntakeRow {
  readonly reference: string;
  readonly referralId: string;
  readonly receivedAt: string;
  readonly bodySha256: string;
  /** Requests seen with this Idempotency-Key (retries and duplicates included). */
  readonly requests: number;
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

export function renderIntakePage(rows: readonly IntakeRow[]): string {
  const body =
    rows.length === 0
      ? '<p>No referrals received yet.</p>'
      : `<table>
<thead><tr><th>Reference</th><th>Referral id (Idempotency-Key)</th><th>Received (UTC)</th><th>Requests</th><th>Body SHA-256</th></tr></thead>
<tbody>
${rows
  .map(
    (r) =>
      `<tr><td>${escapeHtml(r.reference)}</td><td><code>${escapeHtml(r.referralId)}</code></td>` +
      `<td>${escapeHtml(r.receivedAt)}</td><td>${escapeHtml(String(r.requests))}</td>` +
      `<td><code>${escapeHtml(r.bodySha256.slice(0, 16))}…</code></td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Partnership intake (local)</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}</style>
</head>
<body>
<h1>Partnership intake (local)</h1>
<p>Referrals received by this development receiver. Only ids, times and references are shown here: the bodies hold special category data.</p>
${body}
</body>
</html>
`;
}
