import path from 'node:path';
import { CardCatalog } from '../src/bot/cards/cardCatalog';
import { fieldsOf, formSteps } from '../src/referrals/form/formDefinition';
import { stepView } from '../src/referrals/form/stepView';
import { reviewView } from '../src/referrals/form/reviewView';
import { genericLocalContacts } from '../src/tenants/localContacts';
import { aFullDraft } from '../test/unit/referrals/form/cardSamples';
const catalog = CardCatalog.load(path.resolve('cards'));
const values: Record<string, string> = {};
for (const step of formSteps) for (const f of fieldsOf(step, 12)) {
  const heavy = '"中'.repeat(Math.ceil((f.maxLength ?? 10) / 2)).slice(0, f.maxLength ?? 10);
  values[f.path] = f.kind === 'radio' ? f.choices![f.choices!.length - 1]!.value : f.kind === 'multi' ? f.choices!.map((c) => c.value).join(',') : f.kind === 'number' ? '17' : f.kind === 'toggle' ? 'yes' : heavy;
}
const errors = Object.fromEntries(Object.keys(values).map((p) => [p, 'Choose one of the listed options for who has parental responsibility.']));
const draft = aFullDraft({ childCount: 12, values });
for (const s of formSteps) {
  const card = catalog.renderView(stepView(s, { ...draft, place: s.id }, errors, genericLocalContacts));
  const card0 = catalog.renderView(stepView(s, { ...draft, place: s.id }, {}, genericLocalContacts));
  console.log(s.id, s.fields.length, Buffer.byteLength(JSON.stringify(card)), Buffer.byteLength(JSON.stringify(card0)));
}
for (const e of [errors, {}]) console.log('review', Buffer.byteLength(JSON.stringify(catalog.renderView(reviewView(draft, values, e, genericLocalContacts)))));
const empty = Object.fromEntries(Object.keys(values).map((k) => [k, 'x']));
console.log('review x-values + errors', Buffer.byteLength(JSON.stringify(catalog.renderView(reviewView(draft, empty, errors, genericLocalContacts)))));
console.log('review x-values no errors', Buffer.byteLength(JSON.stringify(catalog.renderView(reviewView(draft, empty, {}, genericLocalContacts)))));
console.log(Object.keys(values).length);
const big = catalog.renderView(reviewView(draft, values, errors, genericLocalContacts));
const body = (big as any).body as any[];
for (const b of body) console.log(b.type, b.id ?? '', Buffer.byteLength(JSON.stringify(b)));
const sec = body.filter((b) => b.type === 'Container' && b.separator)[2];
console.log(JSON.stringify(sec).slice(0, 1500));
