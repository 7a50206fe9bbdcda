import { strict as assert } from 'node:assert';
import { bundledTipsSource, loadTips, parseTips } from '../../../src/content/nudges/loadTips';

const tips = loadTips();
const allText = tips.tips.map((t) => ({ id: t.id, text: `${t.title} ${t.text}` }));

describe('refresher tips', function () {
  it('has at least 24 tips, each with its published sources', function () {
    assert.ok(tips.tips.length >= 24, `${tips.tips.length} tips`);
    for (const tip of tips.tips) assert.ok(tip.source.length > 10, `${tip.id} names its sources`);
  });

  it('refuses an unknown principle, naming the file and path', function () {
    const source = bundledTipsSource();
    const data = structuredClone(source.data) as { tips: { principles: string[] }[] };
    data.tips[2]!.principles = ['no-such-principle'];
    assert.throws(() => parseTips({ ...source, data }), /tips\.json.*tips\[2\]\.principles\[0\]/s);
  });

  it('speaks of his partner in words for any gender', function () {
    for (const { id, text } of allText) {
      assert.doesNotMatch(text, /\b(she|her|wife|girlfriend)\b/i, id);
    }
  });

  it('never suggests joint work or Dash with him, and gives only national numbers', function () {
    for (const { id, text } of allText) {
      if (/couples|mediation/i.test(text)) assert.match(text, /\bnever\b/i, id);
      if (/\bdash\b/i.test(text)) assert.match(text, /never with him/i, id);
      for (const number of text.match(/\b0\d{3} ?\d{3} ?\d{4}\b|\b\d{3} \d{3}\b/g) ?? []) {
        assert.ok(
          ['0808 802 4040', '0808 801 0327', '0808 2000 247', '116 123'].includes(number),
          `${id}: ${number}`,
        );
      }
    }
  });
});
