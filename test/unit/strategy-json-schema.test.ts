// The JSON Schema shipped for the YAML extension, generated from the same zod schema as the validator.
import assert from 'node:assert/strict';
import { strategyJsonSchema } from '../../src/core/strategy/jsonSchema';

/** The parts of a JSON Schema node these tests read. */
type Schema = {
  type?: string;
  properties: Record<string, Schema>;
  required?: string[];
  description: string;
  $schema?: string;
  items?: Schema;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  format?: string;
  default?: unknown;
};

describe('the strategy.yaml JSON Schema', () => {
  const schema = strategyJsonSchema() as Schema;
  const goal = schema.properties.goals.items as Schema;

  it('is a draft-07 object schema with only goals required', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.type, 'object');
    assert.deepEqual(Object.keys(schema.properties).sort(), ['goals', 'period', 'settings', 'version']);
    assert.deepEqual(schema.required, ['goals']);
  });

  it('has every goal property, the id pattern, the status values and the share range', () => {
    assert.deepEqual(Object.keys(goal.properties).sort(), [
      'due',
      'id',
      'issues',
      'match',
      'outcome',
      'owner',
      'parent',
      'share',
      'status',
      'title',
      'why',
    ]);
    assert.equal(goal.properties.id.pattern, '^[a-z0-9][a-z0-9-]{0,62}$');
    assert.deepEqual(goal.properties.status.enum, ['active', 'paused', 'done', 'stopped']);
    assert.equal(goal.properties.share.minimum, 0);
    assert.equal(goal.properties.share.maximum, 100);
    assert.equal(goal.properties.due.format, 'date');
    assert.equal((goal.properties.issues.items as Schema).pattern, '^(?:[A-Z][A-Z0-9_]{0,31}-(?:\\*|[1-9][0-9]{0,8})|#[1-9][0-9]{0,8})$');
  });

  it('leaves fields with defaults optional (the input side)', () => {
    assert.deepEqual([...(goal.required ?? [])].sort(), ['id', 'title']);
    assert.equal(goal.properties.status.default, 'active');
    const settings = schema.properties.settings as Schema;
    assert.equal(settings.required, undefined);
    assert.equal(settings.properties.maxActive.default, 3);
  });

  it('describes the fields for completions', () => {
    assert.match(goal.properties.share.description, /Intended % of the team's effort/);
    assert.match(goal.properties.match.properties.paths.description, /Globs of files/);
    assert.match(schema.properties.settings.properties.branchPattern.description, /named group "goal"/);
  });

  it('is plain JSON', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(schema)), schema);
  });
});
