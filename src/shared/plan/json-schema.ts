import { z } from 'zod';
import { catalogueSchema } from './catalogue-schema';

/** The plan format as JSON Schema, for tools outside this code base (editors, other teams' validators). */
export function catalogueJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(catalogueSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://kyiv1325.example/schemas/plan-catalogue.json',
    title: 'UNSCR 1325 local action plan catalogue',
  };
}
