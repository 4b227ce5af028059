import { config } from 'zod';

/**
 * zod compiles a fast validator for each object schema with `new Function` on its first parse. The
 * command line parses each schema a few times per process at most, so compiling costs more than it
 * saves (and V8's code cache cannot keep code made by `new Function`); the checks and messages are
 * the same either way. Imported by `evaluate` before the model, so it is set before any schema runs.
 */
config({ jitless: true });
