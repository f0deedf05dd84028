// The JSON Schema shipped for the YAML extension (yamlValidation), generated from the zod schema.
import { z } from 'zod';
import { strategySchema } from './schema';

export function strategyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(strategySchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, title: 'strategy.yaml (Strategy Align)' };
}
