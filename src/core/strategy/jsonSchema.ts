// The JSON Schema shipped for the YAML extension (yamlValidation), generated from the zod schema so
// the two cannot disagree. Input side: fields with defaults are optional, as they are in the file.
import { z } from 'zod';
import { strategySchema } from './schema';

export function strategyJsonSchema(): Record<string, unknown> {
  // draft-07: the draft the YAML language server supports best.
  const schema = z.toJSONSchema(strategySchema, { io: 'input', target: 'draft-07', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, title: 'strategy.yaml (Strategy Align)' };
}
