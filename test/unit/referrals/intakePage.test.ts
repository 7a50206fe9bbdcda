import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { escapeHtml, renderIntakePage } from '../../../src/dev/partnershipIntake/intakePage';

describe('intake listing page', function () {
  it('escapes every value it shows', function () {
    const html = renderIntakePage([
      {
        reference: '<script>alert(1)</script>',
        referralId: '"><img src=x onerror=alert(1)>',
        receivedAt: "2025-03-03T09:00:00Z' onmouseover='x",
        bodySha256: '&'.repeat(64),
        requests: 2,
      },
    ]);
    assert.ok(!html.includes('<script>alert'));
    assert.ok(!html.includes('<img'));
    assert.ok(!html.includes("' onmouseover"));
    assert.ok(html.includes('&lt;script&gt;'));
  });

  it('leaves no markup character unescaped, for any text', function () {
    fc.assert(
      fc.property(fc.string(), (text) => {
        assert.ok(!/[<>"']/.test(escapeHtml(text)));
        assert.equal(
          escapeHtml(text)
            .replace(/&(lt|gt|quot|#39|amp);/g, 'x')
            .includes('&'),
          false,
        );
      }),
    );
  });

  it('says so when nothing has arrived', function () {
    assert.match(renderIntakePage([]), /No referrals received yet/);
  });
});
