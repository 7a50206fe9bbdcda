import { z } from 'zod';
import type { Condition, DeclNode, LeafSpec, Members, Section } from './declaration';
import { clientPatterns, referralSections, referralSteps } from './referralDeclaration';
import { referralPayloadVersion } from './referral';
import { referralV1Schema } from './referralV1';
import { referralV2Sections } from './referralV2';
import type { PayloadVersion } from './payloadVersions';

/**
 * The JSON Schema of the body POSTed to the partnership, for each payload version (published in
 * src/dev/partnershipIntake/schemas/). The current version's is derived from the field
 * declaration; version 1's from its frozen schema. Format rules are the cards' (a little looser
 * than the server's); the server's are the ones that decide.
 */

type JsonSchema = Record<string, unknown>;

const kindSchemas: Readonly<Record<LeafSpec['kind'], JsonSchema>> = {
  name: { type: 'string', pattern: clientPatterns.plain },
  line: { type: 'string', pattern: clientPatterns.plain },
  text: { type: 'string' },
  notes: { type: 'string' },
  email: { type: 'string', format: 'email' },
  phone: { type: 'string', pattern: clientPatterns.phone },
  postcode: { type: 'string', pattern: clientPatterns.postcode },
  date: { type: 'string', format: 'date' },
  number: { type: 'integer' },
  choice: { type: 'string' },
  choices: { type: 'array', uniqueItems: true },
  confirm: { type: 'string' },
};

function leafSchema(spec: LeafSpec): JsonSchema {
  const options = spec.options?.map((o) => ({ const: o.value, title: o.title }));
  return {
    title: spec.reviewLabel ?? spec.label,
    ...(spec.hint === undefined ? {} : { description: spec.hint }),
    ...kindSchemas[spec.kind],
    ...(spec.kind === 'number'
      ? { minimum: spec.min, maximum: spec.max }
      : spec.max === undefined
        ? {}
        : { maxLength: spec.max }),
    ...(spec.pattern ? { pattern: spec.pattern.server.source } : {}),
    ...(spec.kind === 'choices'
      ? { items: { oneOf: options }, ...(spec.min ? { minItems: spec.min } : {}) }
      : options
        ? { oneOf: options }
        : {}),
    ...(spec.restricted ? { 'x-dare-restricted': true } : {}),
  };
}

function conditionSchema(c: Condition): JsonSchema {
  const [first, ...rest] = c.field.split('.');
  const test: JsonSchema =
    'is' in c ? { enum: c.is } : 'ticks' in c ? { contains: { const: c.ticks } } : { minItems: 1 };
  const inner = rest.reduceRight<JsonSchema>(
    (schema, key) => ({ properties: { [key]: schema }, required: [key] }),
    test,
  );
  return { properties: { [first ?? '']: inner }, required: [first] };
}

/** `then` for a required-when rule: the field's path inside the section must be present. */
function requiredAt(path: readonly string[]): JsonSchema {
  const [first, ...rest] = path;
  if (first === undefined) return {};
  return rest.length === 0
    ? { required: [first] }
    : { required: [first], properties: { [first]: requiredAt(rest) } };
}

function rulesOf(members: Members, prefix: readonly string[]): JsonSchema[] {
  return Object.entries(members).flatMap(([key, node]) => {
    if (node.node === 'object') return rulesOf(node.members, [...prefix, key]);
    if (node.node !== 'leaf' || !node.spec.requiredWhen) return [];
    return [
      {
        if: conditionSchema(node.spec.requiredWhen.when),
        then: requiredAt([...prefix, key]),
        description: node.spec.requiredWhen.message,
      },
    ];
  });
}

function objectSchema(members: Members, extra: JsonSchema = {}): JsonSchema {
  const required = Object.entries(members)
    .filter(([, n]) => isRequired(n))
    .map(([k]) => k);
  return {
    type: 'object',
    ...extra,
    properties: Object.fromEntries(Object.entries(members).map(([k, n]) => [k, nodeSchema(n)])),
    ...(required.length > 0 ? { required } : {}),
  };
}

function isRequired(node: DeclNode): boolean {
  if (node.node === 'leaf') return node.spec.required;
  if (node.node === 'repeating') return true;
  return Object.values(node.members).some(isRequired);
}

function nodeSchema(node: DeclNode): JsonSchema {
  if (node.node === 'leaf') return leafSchema(node.spec);
  if (node.node === 'object') return objectSchema(node.members);
  return {
    type: 'array',
    description: node.messages.missing,
    maxItems: node.max,
    items: objectSchema(node.items),
  };
}

const stepTitles = new Map<string, string>(
  referralSteps.flatMap((s) => s.sections.map((name) => [name, s.title] as const)),
);

/** A declared version's referral, from its sections. */
function declaredReferralSchema(
  version: number,
  declared: Readonly<Record<string, Section>>,
): JsonSchema {
  const sections = Object.entries(declared).map(([name, section]) => {
    const rules = rulesOf(section.members, []);
    return [
      name,
      objectSchema(section.members, {
        title: stepTitles.get(name) ?? name,
        ...(rules.length > 0 ? { allOf: rules } : {}),
      }),
    ] as const;
  });
  return {
    type: 'object',
    properties: {
      version: { const: version },
      ...Object.fromEntries(sections),
      restricted: { const: true },
    },
    required: ['version', ...sections.map(([name]) => name), 'restricted'],
  };
}

function referralSchemaOf(version: PayloadVersion): JsonSchema {
  if (version === referralPayloadVersion) return declaredReferralSchema(version, referralSections);
  if (version === 2) return declaredReferralSchema(version, referralV2Sections);
  const { $schema: _ignored, ...schema } = z.toJSONSchema(referralV1Schema, {
    io: 'output',
    unrepresentable: 'any',
  });
  return schema;
}

/** The JSON Schema of the whole body of one payload version. */
export function referralBodyJsonSchema(version: PayloadVersion): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `DARE Coach referral, payload version ${version}`,
    description:
      version === 1
        ? 'Sent before payload versions existed: the referral has no version field. Accepted for referrals queued before an upgrade.'
        : 'Every referral is special category and criminal-offence data; fields marked x-dare-restricted must never reach him.',
    type: 'object',
    properties: {
      referralId: { type: 'string', format: 'uuid', description: 'Equal to Idempotency-Key.' },
      submittedAt: { type: 'string', format: 'date-time' },
      referral: referralSchemaOf(version),
    },
    required: ['referralId', 'submittedAt', 'referral'],
  };
}
