import assert from 'node:assert/strict';
import { z } from 'zod';
import { metricNames } from '../../../src/telemetry/metrics';
import { loadTemplate, read, theResource, type ArmResource } from './armTemplate';

const alertRule = z.object({
  properties: z.object({
    displayName: z.string(),
    enabled: z.literal(true),
    severity: z.number(),
    scopes: z.array(z.string()),
    evaluationFrequency: z.string(),
    windowSize: z.string(),
    criteria: z.object({
      allOf: z.array(
        z.object({
          query: z.string(),
          timeAggregation: z.string(),
          metricMeasureColumn: z.string(),
          operator: z.string(),
          threshold: z.number(),
        }),
      ),
    }),
    actions: z.object({ actionGroups: z.string() }),
  }),
});

describe('Azure template: alert rules on Application Insights data', () => {
  const template = loadTemplate();
  const rules = template.resources
    .filter((r) => r.type === 'Microsoft.Insights/scheduledQueryRules')
    .map((r: ArmResource) => ({ resource: r, ...read(alertRule, r) }));
  const ruleNamed = (display: string) => {
    const found = rules.find((r) => r.properties.displayName === display);
    return found ?? assert.fail(`no alert rule "${display}"`);
  };
  const queryOf = (display: string): string =>
    ruleNamed(display).properties.criteria.allOf[0]?.query ?? assert.fail(`${display}: no query`);

  it('has the two rules, each on the Application Insights component, firing on any occurrence', () => {
    assert.deepEqual(rules.map((r) => r.properties.displayName).sort(), [
      'DARE Coach: referrals failed',
      'DARE Coach: safety-net errors',
    ]);
    for (const { properties, resource } of rules) {
      assert.deepEqual(properties.scopes, [
        "[resourceId('Microsoft.Insights/components', variables('appInsightsName'))]",
      ]);
      assert.ok(resource.dependsOn.includes(properties.scopes[0] ?? ''), 'deployed after it');
      const [criterion] = properties.criteria.allOf;
      assert.equal(criterion?.operator, 'GreaterThan');
      assert.equal(criterion.threshold, 0);
      assert.ok(
        criterion.query.includes(`summarize ${criterion.metricMeasureColumn} =`),
        'the measured column is the one the query computes',
      );
    }
  });

  it('referrals failed: counts the metric the app records when a referral ends failed', () => {
    const query = queryOf('DARE Coach: referrals failed');
    assert.ok(query.includes(`name == "${metricNames.referralsFinal}"`), query);
    assert.ok(query.includes('tostring(customDimensions["status"]) == "failed"'), query);
  });

  it('safety-net errors: counts the safety-net error metric and error logs from a safety component', () => {
    const rule = ruleNamed('DARE Coach: safety-net errors');
    const query = queryOf('DARE Coach: safety-net errors');
    assert.ok(query.includes(`name == "${metricNames.safetyNetErrors}"`), query);
    assert.match(
      query,
      /severityLevel >= 3 and tostring\(customDimensions\["component"\]\) has "safety"/,
    );
    assert.equal(rule.properties.severity, 0, 'the most severe: practitioners may have missed 999');
  });

  it('emails through one action group when alertEmail is given, and deploys none otherwise', () => {
    const group = theResource(template, 'Microsoft.Insights/actionGroups');
    assert.equal(group.condition, "[not(empty(parameters('alertEmail')))]");
    assert.equal(template.parameters.alertEmail?.defaultValue, '');
    for (const { properties } of rules) {
      assert.equal(
        properties.actions.actionGroups,
        "[if(empty(parameters('alertEmail')), createArray(), createArray(resourceId('Microsoft.Insights/actionGroups', variables('actionGroupName'))))]",
      );
    }
  });
});
