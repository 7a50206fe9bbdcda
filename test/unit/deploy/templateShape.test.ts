import assert from 'node:assert/strict';
import {
  expressionSyntaxProblem,
  expressions,
  loadParametersFile,
  loadTemplate,
  references,
} from './armTemplate';

describe('Azure template: well-formed (no Azure needed)', () => {
  const template = loadTemplate();

  it('is a deployment template with balanced expressions', () => {
    assert.match(template.$schema, /deploymentTemplate\.json#$/);
    const bad = expressions(template)
      .map(({ path, value }) => ({ path, problem: expressionSyntaxProblem(value) }))
      .filter((e) => e.problem !== undefined);
    assert.deepEqual(bad, []);
  });

  it('refers only to declared parameters and variables, and uses every one', () => {
    const declaredParameters = Object.keys(template.parameters).sort();
    const declaredVariables = Object.keys(template.variables).sort();
    assert.deepEqual([...references(template, 'parameters')].sort(), declaredParameters);
    assert.deepEqual([...references(template, 'variables')].sort(), declaredVariables);
  });

  it('depends only on resources it declares (or a copy loop it declares)', () => {
    const types = new Set(template.resources.map((r) => r.type));
    const loops = new Set(template.resources.flatMap((r) => (isCopy(r.copy) ? [r.copy.name] : [])));
    for (const resource of template.resources) {
      for (const dependency of resource.dependsOn) {
        // The first quoted resource type inside resourceId(...) or extensionResourceId(...).
        const type =
          /^\[(?:resourceId|extensionResourceId)\(.*?'(Microsoft\.[A-Za-z]+\/[A-Za-z/]+)'/.exec(
            dependency,
          )?.[1];
        assert.ok(
          loops.has(dependency) || (type !== undefined && types.has(type)),
          `${resource.type} depends on ${dependency}, which the template does not declare`,
        );
      }
    }
  });

  it('has a parameters file that sets only template parameters, never a secret', () => {
    const { parameters } = loadParametersFile();
    for (const name of Object.keys(parameters))
      assert.ok(template.parameters[name], `${name} is a template parameter`);
    const secure = Object.entries(template.parameters).filter(
      ([, p]) => p.type.toLowerCase() === 'securestring',
    );
    assert.deepEqual(
      secure.map(([name]) => name),
      ['partnershipSigningSecret', 'respondentIdSecret'],
    );
    for (const [name] of secure)
      assert.equal(parameters[name], undefined, `${name} is passed at deploy time, not stored`);
  });

  it('defaults to UK South, and puts every regional resource there', () => {
    assert.equal(template.parameters.location?.defaultValue, 'uksouth');
    assert.equal(loadParametersFile().parameters.location?.value, 'uksouth');
    for (const resource of template.resources) {
      if (resource.location === undefined) continue;
      // Azure Bot and its channels are global resources: routing only, no conversation storage;
      // so is an action group (it only routes alert emails).
      const expected =
        resource.type.startsWith('Microsoft.BotService/') ||
        resource.type === 'Microsoft.Insights/actionGroups'
          ? 'global'
          : "[parameters('location')]";
      assert.equal(resource.location, expected, resource.type);
    }
  });
});

function isCopy(copy: unknown): copy is { name: string } {
  return (
    typeof copy === 'object' && copy !== null && 'name' in copy && typeof copy.name === 'string'
  );
}
