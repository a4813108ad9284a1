/**
 * The environment a test gives a process it starts (CLI, server, quiz): PATH, and the tests' model
 * cache folder (SAFESTEP_CACHE_DIR, set in jest.config.js and warmed by test/global-setup.ts), so
 * the child reads the router it needs instead of training it inside the test's start-up wait;
 * then the test's own variables, which win.
 */
export function childEnv(env: Record<string, string>): Record<string, string> {
  const cache = process.env.SAFESTEP_CACHE_DIR;
  return { PATH: process.env.PATH ?? '', ...(cache ? { SAFESTEP_CACHE_DIR: cache } : {}), ...env };
}
