/**
 * `safestep schema export`: regenerates schemas/flow.schema.json and schemas/setting.schema.json
 * from the zod schemas (under the project root, not the content root).
 */
import { writeJsonSchemas } from '../../authoring/json-schema';
import { EXIT } from '../io';
import type { Command } from '../io';

const USAGE = 'usage: safestep schema export\n';

/** Writes the JSON Schemas; exit 2 on a wrong sub-command. */
export const schema: Command = async (args, io) => {
  if (args.length !== 1 || args[0] !== 'export') {
    io.stderr.write(USAGE);
    return EXIT.usage;
  }
  for (const file of writeJsonSchemas(io.root)) io.stdout.write(`schema: wrote ${file}\n`);
  return EXIT.ok;
};
